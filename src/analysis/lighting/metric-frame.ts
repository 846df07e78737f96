/**
 * Metres on the ground from longitude/latitude, for distances inside one sub-district (a few km).
 * An equirectangular frame centred on the place: x = east, y = north, in metres. It is affine, so
 * a point a fraction t along a segment in metres is the same fraction t along it in degrees, and a
 * dark stretch found in metres maps back to lon/lat by plain interpolation.
 *
 * The sphere is turf's (radius 6,371,008.8 m), so lengths agree with `turf.length`; over 5 km
 * north–south the scale error of a single cos(lat) is below 0.05 % at 42° N (Cambridge, MA).
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

export interface MetricFrame {
  lon0: number;
  lat0: number;
  /** Metres per degree of longitude and of latitude at the centre. */
  kx: number;
  ky: number;
}

export function metricFrame(lon0: number, lat0: number): MetricFrame {
  return { lon0, lat0, kx: M_PER_DEG * Math.cos((lat0 * Math.PI) / 180), ky: M_PER_DEG };
}

export function toX(frame: MetricFrame, lon: number): number {
  return (lon - frame.lon0) * frame.kx;
}

export function toY(frame: MetricFrame, lat: number): number {
  return (lat - frame.lat0) * frame.ky;
}

export function toLonLat(frame: MetricFrame, x: number, y: number): [number, number] {
  return [frame.lon0 + x / frame.kx, frame.lat0 + y / frame.ky];
}
