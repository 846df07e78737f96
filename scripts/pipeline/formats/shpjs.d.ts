/**
 * shpjs 6.2 ships no types. This declares only the two synchronous parsers shapefile.ts uses,
 * checked against node_modules/shpjs/lib/index.js: `parseShp(shp, prj?)` takes the .shp bytes
 * and returns one GeoJSON geometry (or null for a null shape) per record, reprojecting only when
 * a .prj is passed (Guatu never passes one: crs/ converts); `parseDbf(dbf, cpg?)` takes the .dbf
 * bytes and a .cpg encoding label and returns one property object per record.
 */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';

  export function parseShp(shp: ArrayBufferView | ArrayBuffer, prj?: string | false): (Geometry | null)[];
  export function parseDbf(dbf: ArrayBufferView | ArrayBuffer, cpg?: string): Record<string, unknown>[];
}
