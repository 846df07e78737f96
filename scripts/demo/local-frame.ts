/**
 * A flat metre frame for one city district. Lamp spacing, clustering radii and street offsets
 * are all in metres; over a few kilometres an equirectangular projection around the district's
 * latitude is within 0.1% of the geodesic distance, and it is cheap enough to call per point.
 */

export type LonLat = [number, number];
export type XY = [number, number];

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_EQUATOR = 111_320;

export interface LocalFrame {
  toXY(p: readonly [number, number]): XY;
  toLonLat(p: readonly [number, number]): LonLat;
  /** Metres per degree of longitude at the frame's latitude. */
  readonly kx: number;
  readonly ky: number;
}

export function localFrame(lon0: number, lat0: number): LocalFrame {
  const kx = METRES_PER_DEGREE_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  const ky = METRES_PER_DEGREE_LAT;
  return {
    kx,
    ky,
    toXY: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky],
    toLonLat: (p) => [lon0 + p[0] / kx, lat0 + p[1] / ky],
  };
}

/** Rounds a coordinate to 6 decimals (≈ 0.1 m): enough for a map, and byte-stable in JSON. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function distanceXY(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
