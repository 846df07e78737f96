import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { assembleMultipolygon, joinRings, pointInRing, signedRingArea } from './multipolygon-rings';

/** Node n sits on a 10×10 grid: id = 10·x + y, so coordinates are easy to read in the tests. */
const coord = (id: number): Position => [Math.floor(id / 10), id % 10];

describe('joinRings', () => {
  it('takes a closed way as a ring of its own', () => {
    expect(joinRings([[1, 2, 3, 1]])).toEqual({ rings: [[1, 2, 3, 1]], unclosed: 0 });
  });

  it('joins a ring split over ways listed out of order and in both directions', () => {
    // Square 1→2→3→4→1 as four pieces, two of them (3-2, 4-1 listed before 3-4) out of order or reversed.
    const { rings, unclosed } = joinRings([
      [1, 2],
      [4, 1],
      [3, 2],
      [3, 4],
    ]);
    expect(unclosed).toBe(0);
    expect(rings).toEqual([[1, 2, 3, 4, 1]]);
  });

  it('counts a chain whose ends never meet, and keeps the rings that do close', () => {
    const { rings, unclosed } = joinRings([
      [1, 2, 3],
      [3, 4],
      [10, 11, 12, 10],
    ]);
    expect(rings).toEqual([[10, 11, 12, 10]]);
    expect(unclosed).toBe(1);
  });

  it('refuses a closed way too short to enclose an area', () => {
    expect(joinRings([[1, 2, 1]])).toEqual({ rings: [], unclosed: 1 });
  });

  it('joins nothing from no ways', () => {
    expect(joinRings([])).toEqual({ rings: [], unclosed: 0 });
  });
});

describe('assembleMultipolygon', () => {
  // Outer square (0,0)-(5,5): ids 0, 50, 55, 5; hole (1,1)-(2,2): ids 11, 21, 22, 12.
  const outerSquare = [0, 50, 55, 5, 0];
  const hole = [11, 12, 22, 21, 11];

  it('winds the outer ring counter-clockwise and its hole clockwise (RFC 7946)', () => {
    const clockwiseOuter = [...outerSquare].reverse();
    const { polygons } = assembleMultipolygon([clockwiseOuter], [[...hole].reverse()], coord);
    expect(polygons).toHaveLength(1);
    const [outer, inner] = polygons[0]!;
    expect(signedRingArea(outer!)).toBeGreaterThan(0);
    expect(signedRingArea(inner!)).toBeLessThan(0);
  });

  it('gives each hole to the outer ring that contains it', () => {
    const farOuter = [60, 90, 99, 69, 60]; // (6,0)-(9,9)
    const farHole = [71, 81, 82, 72, 71];
    const { polygons, orphanInners } = assembleMultipolygon([outerSquare, farOuter], [farHole, hole], coord);
    expect(orphanInners).toBe(0);
    expect(polygons.map((p) => p.length)).toEqual([2, 2]);
    expect(pointInRing([7.5, 1.5], polygons[1]![1]!)).toBe(true);
    expect(pointInRing([1.5, 1.5], polygons[0]![1]!)).toBe(true);
  });

  it('drops and counts an inner ring that lies in no outer ring', () => {
    const { polygons, orphanInners } = assembleMultipolygon([outerSquare], [[71, 81, 82, 72, 71]], coord);
    expect(polygons).toEqual([[expect.any(Array)]]);
    expect(orphanInners).toBe(1);
  });

  it('returns no polygon when the outer ring cannot be closed', () => {
    const result = assembleMultipolygon([[0, 50, 55]], [hole], coord);
    expect(result.polygons).toEqual([]);
    expect(result.unclosedRings).toBe(1);
    expect(result.orphanInners).toBe(1);
  });
});
