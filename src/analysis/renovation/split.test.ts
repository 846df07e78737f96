/**
 * The straddling split, worked by hand. Two level-4 grids side by side, each 0.010° × 0.010°:
 *
 *      118.780        118.790        118.800
 *   32.050 ┌─────────────┬─────────────┐
 *          │     Ga      │     Gb      │
 *   32.046 │       ┌─────┼───────┐     │   compound: 118.787 – 118.797 × 32.044 – 32.046
 *   32.044 │       └─────┼───────┘     │   0.003° of its 0.010° width in Ga, 0.007° in Gb
 *   32.040 └─────────────┴─────────────┘
 *
 * On the sphere the area of a longitude/latitude rectangle is R² · Δλ · (sin φ₂ − sin φ₁), so for
 * equal latitude spans the areas are in the ratio of the widths: 30% in Ga, 70% in Gb, exactly.
 * A compound of 100 households therefore puts 30 in Ga and 70 in Gb, and counts once, in Gb.
 */
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { CellIndex, clipByConvex, splitArea, splitAreaAmount, splitLine } from './split';

const rect = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const Ga = rect(118.78, 32.04, 118.79, 32.05);
const Gb = rect(118.79, 32.04, 118.8, 32.05);
const cells = new CellIndex([Ga, Gb]);

describe('splitting a compound over grids by area', () => {
  it('splits a compound 30/70 across two grids and counts it in the larger share', () => {
    const split = splitArea(rect(118.787, 32.044, 118.797, 32.046), cells);
    expect(split.shares).toEqual([[1, 0.7], [0, 0.3]]);
    expect(split.majority).toBe(1);
    // Its households: 100 × 0.3 = 30 in Ga, 100 × 0.7 = 70 in Gb.
    expect(split.shares.map(([cell, w]) => [cell, Math.round(100 * w)])).toEqual([[1, 70], [0, 30]]);
  });

  it('gives a compound wholly inside one grid all of it', () => {
    expect(splitArea(rect(118.781, 32.041, 118.785, 32.043), cells)).toMatchObject({ shares: [[0, 1]], majority: 0 });
  });

  it('treats a sliver under 0.5% over the grid line as drawing noise', () => {
    // 0.00002° of 0.01° (0.2%) lies in Gb.
    expect(splitArea(rect(118.78002, 32.044, 118.79002, 32.046), cells).shares).toEqual([[0, 1]]);
  });

  it('splits a multipolygon by the area of its parts', () => {
    // Two parts of equal latitude span: 0.002° wide in Ga, 0.006° wide in Gb → 25% / 75%.
    const twoParts: MultiPolygon = { type: 'MultiPolygon', coordinates: [rect(118.782, 32.044, 118.784, 32.046).coordinates, rect(118.792, 32.044, 118.798, 32.046).coordinates] };
    expect(splitArea(twoParts, cells).shares).toEqual([[1, 0.75], [0, 0.25]]);
  });

  it('splits a concave (L-shaped) compound exactly, clipped by the convex grids', () => {
    // An L: a bar 118.786–118.794 × 32.044–32.045 and a leg 118.786–118.788 × 32.045–32.047.
    // Equal latitude spans split like widths: bar 0.004/0.004 in Ga/Gb, leg 0.002 in Ga.
    // Areas ∝ bar 0.008 × 1 + leg 0.002 × 2 (two units of latitude) = 0.012; Ga = 0.004 + 0.004 = 0.008.
    const L: Polygon = { type: 'Polygon', coordinates: [[[118.786, 32.044], [118.794, 32.044], [118.794, 32.045], [118.788, 32.045], [118.788, 32.047], [118.786, 32.047], [118.786, 32.044]]] };
    const split = splitArea(L, cells);
    expect(split.shares[0]![0]).toBe(0);
    expect(split.shares[0]![1]).toBeCloseTo(2 / 3, 3);
    expect(split.shares[1]![1]).toBeCloseTo(1 / 3, 3);
  });

  it('falls back to general clipping when both polygons are concave', () => {
    // A U-shaped grid (a rectangle with a notch cut from its top) and the same L as above.
    const U: Polygon = { type: 'Polygon', coordinates: [[[118.78, 32.04], [118.79, 32.04], [118.79, 32.05], [118.787, 32.05], [118.787, 32.046], [118.783, 32.046], [118.783, 32.05], [118.78, 32.05], [118.78, 32.04]]] };
    const L: Polygon = { type: 'Polygon', coordinates: [[[118.786, 32.044], [118.794, 32.044], [118.794, 32.045], [118.788, 32.045], [118.788, 32.047], [118.786, 32.047], [118.786, 32.044]]] };
    const withU = new CellIndex([U, Gb]);
    const split = splitArea(L, withU);
    // In units of 0.001° × 0.001° (equal-latitude areas are proportional to them):
    //   bar in U: 118.786–118.790 × 1 = 4; bar in Gb: 118.790–118.794 × 1 = 4;
    //   leg 32.045–32.046: 2 × 1 = 2 in U; leg 32.046–32.047: 118.786–118.787 lies in the notch
    //   (outside every grid), 118.787–118.788 in U: 1. So U 7, Gb 4, 1 outside: shares 7/11, 4/11.
    expect(split.shares.find(([c]) => c === 0)![1]).toBeCloseTo(7 / 11, 3);
    expect(split.shares.find(([c]) => c === 1)![1]).toBeCloseTo(4 / 11, 3);
  });

  it('clips by a convex ring either way round', () => {
    const square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    const clockwise = [...square].reverse();
    const subject = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]];
    for (const clip of [square, clockwise]) {
      const out = clipByConvex(subject, clip);
      const xs = out.map((p) => p[0]!);
      const ys = out.map((p) => p[1]!);
      expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([1, 2, 1, 2]);
    }
    expect(clipByConvex([[5, 5], [6, 5], [6, 6], [5, 5]], square)).toEqual([]);
  });

  it('leaves a compound in no grid with no shares', () => {
    expect(splitArea(rect(118.81, 32.044, 118.812, 32.046), cells)).toMatchObject({ shares: [], majority: -1 });
    expect(splitArea(rect(118.81, 32.044, 118.812, 32.046), new CellIndex([])).shares).toEqual([]);
  });

  it('measures a public-space work in square metres per grid', () => {
    const { shares, areaM2 } = splitAreaAmount(rect(118.787, 32.044, 118.797, 32.046), cells);
    // 0.010° × 0.002° at 32.045°N ≈ 943.6 m × 221.1 m ≈ 208,600 m².
    expect(areaM2).toBeGreaterThan(207_000);
    expect(areaM2).toBeLessThan(210_000);
    expect(shares[0]![1]).toBeCloseTo(0.7 * areaM2, 0);
    expect(shares[1]![1]).toBeCloseTo(0.3 * areaM2, 0);
  });
});

describe('splitting a road work over grids by length', () => {
  it('splits a line by the length in each grid, to within one 5 m step', () => {
    // 118.785 → 118.797 along 32.045°N: 0.005° in Ga, 0.007° in Gb, ≈ 1,132 m in all.
    const { shares, lengthM } = splitLine({ type: 'LineString', coordinates: [[118.785, 32.045], [118.797, 32.045]] }, cells);
    expect(lengthM).toBeGreaterThan(1_125);
    expect(lengthM).toBeLessThan(1_140);
    const inA = shares.find(([c]) => c === 0)![1];
    const inB = shares.find(([c]) => c === 1)![1];
    expect(Math.abs(inA - (lengthM * 5) / 12)).toBeLessThan(5);
    expect(Math.abs(inB - (lengthM * 7) / 12)).toBeLessThan(5);
  });

  it('leaves the part of a line outside every grid out of the shares but in the length', () => {
    const { shares, lengthM } = splitLine({ type: 'LineString', coordinates: [[118.795, 32.045], [118.805, 32.045]] }, cells);
    expect(shares).toHaveLength(1);
    expect(shares[0]![1]).toBeLessThan(lengthM * 0.55);
    expect(shares[0]![1]).toBeGreaterThan(lengthM * 0.45);
  });

  it('locates a point in its grid, and -1 outside', () => {
    expect(cells.locate(118.785, 32.045)).toBe(0);
    expect(cells.locate(118.795, 32.045)).toBe(1);
    expect(cells.locate(118.9, 32.045)).toBe(-1);
  });
});
