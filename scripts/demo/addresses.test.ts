import { describe, expect, it } from 'vitest';
import { buildStreetIndex, formatAddress } from './addresses';
import type { XY } from './local-frame';
import { localFrame } from './local-frame';
import type { Road } from './roads';

const frame = localFrame(118.78, 32.04);
const road = (wayId: number, name: string, points: XY[]): Road => ({
  wayId,
  name,
  highway: 'residential',
  group: 'back_street',
  nodeIds: points.map((_, i) => wayId * 100 + i),
  coords: points.map((p) => frame.toLonLat(p)),
});

describe('buildStreetIndex', () => {
  const index = buildStreetIndex(
    [
      road(1, '三条巷', [
        [0, 0],
        [600, 0],
      ]),
      road(2, '无名路', [
        [0, 30],
        [600, 30],
      ]),
    ],
    frame,
  );

  it('finds the nearest named road and numbers odd on one side, even on the other', () => {
    const north = index.locate([300, 10]);
    const south = index.locate([300, -10]);
    expect(north?.road).toBe('三条巷');
    expect((north?.houseNumber ?? 0) % 2).toBe(1);
    expect((south?.houseNumber ?? 1) % 2).toBe(0);
  });

  it('numbers grow from the west end of an east–west road', () => {
    const west = index.locate([50, 5])?.houseNumber ?? 0;
    const east = index.locate([550, 5])?.houseNumber ?? 0;
    expect(east).toBeGreaterThan(west);
    expect(formatAddress(index.locate([50, 5]) ?? { road: '', group: 'main', distanceM: 0, houseNumber: 0, onRoad: [0, 0] })).toMatch(/^三条巷\d+号$/);
  });

  it('skips unnamed roads and answers null beyond the search radius', () => {
    expect(index.locate([300, 29])?.road).toBe('三条巷');
    expect(index.locate([300, 5000], 250)).toBeNull();
    expect(buildStreetIndex([], frame).locate([0, 0])).toBeNull();
  });
});
