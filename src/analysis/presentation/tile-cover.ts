/**
 * The web-mercator tiles (z/x/y, slippy-map numbering as in PMTiles) that cover a bounding box,
 * for reading a sub-district's features straight from an archive. Pure: tested in Node.
 */
export function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const clampedLat = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const rad = (clampedLat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** Every tile of zoom `z` that overlaps [west, south, east, north]. */
export function tilesCovering(bounds: readonly [number, number, number, number], z: number): [number, number, number][] {
  const [west, south, east, north] = bounds;
  const [x0, y0] = lonLatToTile(west, north, z);
  const [x1, y1] = lonLatToTile(east, south, z);
  const out: [number, number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push([z, x, y]);
  return out;
}
