import { describe, expect, it } from 'vitest';
import type { Building } from './buildings';
import { clusterBuildings, convexHull } from './compounds';
import { readingOrder } from './grids';
import type { XY } from './local-frame';

const building = (wayId: number, x: number, y: number): Building => ({
  wayId,
  ring: [
    [x - 5, y - 5],
    [x + 5, y - 5],
    [x + 5, y + 5],
    [x - 5, y + 5],
  ],
  centroid: [x, y],
  footprintM2: 100,
  levels: 6,
  residential: true,
  households: 6,
});

describe('clusterBuildings', () => {
  it('groups buildings within reach of each other and leaves a lone building as its own 楼院', () => {
    const clusters = clusterBuildings([building(1, 0, 0), building(2, 30, 0), building(3, 60, 0), building(4, 500, 0)], 40, 10);
    expect(clusters.map((c) => c.map((b) => b.wayId))).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a cluster bigger than the maximum into compact parts', () => {
    const row = Array.from({ length: 12 }, (_, i) => building(i + 1, i * 30, 0));
    const clusters = clusterBuildings(row, 40, 6);
    expect(clusters).toHaveLength(2);
    expect(clusters.flat()).toHaveLength(12);
    // Each part is a contiguous run along the row.
    for (const c of clusters) {
      const xs = c.map((b) => b.centroid[0]).sort((a, b) => a - b);
      expect(xs[xs.length - 1]! - xs[0]!).toBeLessThan(200);
    }
  });

  it('returns no clusters for no buildings', () => {
    expect(clusterBuildings([], 40, 10)).toEqual([]);
  });
});

describe('convexHull', () => {
  it('keeps the corners and drops the inside points, counter-clockwise', () => {
    const points: XY[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 5],
      [5, 0],
    ];
    expect(convexHull(points)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]);
  });
});

describe('readingOrder', () => {
  it('numbers west→east within a row, rows north→south', () => {
    const centres: XY[] = [
      [100, 0],
      [0, 100],
      [0, 0],
      [100, 100],
    ];
    expect(readingOrder(centres, (c) => c)).toEqual([
      [0, 100],
      [100, 100],
      [0, 0],
      [100, 0],
    ]);
  });
});
