import { describe, expect, it } from 'vitest';
import { lonLatToTile, tilesCovering } from './tile-cover';

describe('tiles covering a box', () => {
  it('numbers tiles as the slippy-map scheme does', () => {
    // Zoom 1 splits the world in four: north-west is 0/0, south-east 1/1.
    expect(lonLatToTile(-90, 45, 1)).toEqual([0, 0]);
    expect(lonLatToTile(90, -45, 1)).toEqual([1, 1]);
    // Central Nanjing (118.78 E, 32.04 N) at z14: x = floor((298.78/360)·16384) = floor(13597.81),
    // y = floor((1 − ln(tan φ + sec φ)/π)/2 · 16384) = floor(6651.29) = 6651.
    expect(lonLatToTile(118.78, 32.04, 14)).toEqual([13597, 6651]);
  });

  it('lists every tile of the box, west to east and north to south', () => {
    expect(tilesCovering([-90, -45, 90, 45], 1)).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [1, 1, 0],
      [1, 1, 1],
    ]);
    expect(tilesCovering([118.77, 32.04, 118.771, 32.041], 14)).toHaveLength(1);
  });
});
