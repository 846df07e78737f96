import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { labelPoint } from './label-point';
import { pointInRing } from './multipolygon-rings';

describe('labelPoint', () => {
  it('puts the label of a square at its centre', () => {
    const square: Position[] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    expect(labelPoint([[square]])).toEqual([1, 1]);
  });

  it('keeps the label of a U-shaped campus inside the U, not in the courtyard', () => {
    // U open to the north: its centroid falls in the empty courtyard between the arms.
    const u: Position[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const p = labelPoint([[u]])!;
    expect(pointInRing(p, u)).toBe(true);
  });

  it('keeps the label out of a hole', () => {
    const outer: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole: Position[] = [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]];
    const p = labelPoint([[outer, hole]])!;
    expect(pointInRing(p, outer) && !pointInRing(p, hole)).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const small: Position[] = [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]];
    const big: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    expect(labelPoint([[small], [big]])).toEqual([2, 2]);
  });

  it('has no label point for no polygon', () => {
    expect(labelPoint([])).toBeNull();
  });
});
