import { describe, expect, it } from 'vitest';
import type { XY } from './local-frame';
import { localFrame } from './local-frame';
import { buildPlanarGraph } from './planar-graph';
import { balancedSeeds, clipSegmentToRing, piecesFor, voronoiCuts } from './straight-cuts';

const square: XY[] = [
  [0, 0],
  [200, 0],
  [200, 200],
  [0, 200],
];

describe('straight cuts', () => {
  it('asks for more pieces for a bigger block and for a long thin strip', () => {
    expect(piecesFor(square, 50_000, 1000)).toBe(1);
    expect(piecesFor(square, 10_000, 1000)).toBe(4);
    const strip: XY[] = [
      [0, 0],
      [600, 0],
      [600, 20],
      [0, 20],
    ];
    expect(piecesFor(strip, 1e9, 200)).toBe(3);
  });

  it('cuts a square into k pieces of about equal area that tile it', () => {
    const frame = localFrame(118.78, 32.04);
    const cuts = voronoiCuts(square, balancedSeeds(square, 4));
    const lines = [
      { coords: [...square, square[0] as XY].map((p) => frame.toLonLat(p)), tag: 0 },
      ...cuts.map(([p, q]) => ({ coords: [frame.toLonLat(p), frame.toLonLat(q)], tag: -1 })),
    ];
    const graph = buildPlanarGraph(lines, frame);
    expect(graph.faces).toHaveLength(4);
    const areas = graph.faces.map((f) => f.areaM2);
    expect(areas.reduce((s, a) => s + a, 0)).toBeCloseTo(40_000, 0);
    for (const a of areas) expect(a).toBeGreaterThan(6_000);
  });

  it('clips a segment to the inside of a ring, also a ring with a notch', () => {
    const notched: XY[] = [
      [0, 0],
      [100, 0],
      [100, 100],
      [60, 100],
      [60, 40],
      [40, 40],
      [40, 100],
      [0, 100],
    ];
    const parts = clipSegmentToRing([-10, 70], [110, 70], notched);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.[0][0]).toBeCloseTo(0);
    expect(parts[0]?.[1][0]).toBeCloseTo(40);
    expect(clipSegmentToRing([200, 200], [300, 300], notched)).toEqual([]);
  });

  it('makes no seeds beyond what the block holds and one seed for one piece', () => {
    expect(balancedSeeds(square, 1)).toHaveLength(1);
    expect(voronoiCuts(square, balancedSeeds(square, 1))).toEqual([]);
  });
});
