/**
 * vt-pbf 3.1.3 ships no types. This declares only what vector-tiles.ts uses, checked against
 * node_modules/vt-pbf/index.js and lib/geojson_wrapper.js:
 * - `fromGeojsonVt(layers, options)` reads `layers[name].features`, each `{ id, type, tags, geometry }`
 *   with geometry as `[x, y][]` (points) or `[x, y][][]` (lines, polygons) in tile units — the shape
 *   of @maplibre/geojson-vt v6's transformed tile features (`GeoJSONVTFeature`).
 * - It writes `id` only when it is a number, skips `null` property values and returns the
 *   uncompressed Tile message. `version` defaults to 1 there, so callers pass 2 (MVT spec 2.1).
 */
declare module 'vt-pbf' {
  import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';

  export interface VtPbfOptions {
    /** Vector tile spec version written in each layer. */
    version?: number;
    /** Tile extent the features' coordinates are in. */
    extent?: number;
  }

  export function fromGeojsonVt(
    layers: Record<string, { features: readonly GeoJSONVTFeature[] }>,
    options?: VtPbfOptions,
  ): Uint8Array;
}
