/**
 * Style layer ids of the overlays, grouped by the layer switcher's entries. Tests query rendered
 * features by these ids, so they are part of the app's contract with its browser tests.
 */
export const OVERLAY_LAYER_IDS = {
  grids: ['grid-choropleth', 'grid-l5-outline', 'grid-l4-outline', 'community-outline', 'subdistrict-outline'],
  renovation: ['compound-fill', 'compound-outline', 'road-works'],
  lamps: ['lamps'],
  problems: ['problems-heat', 'problems-points'],
} as const;

export type OverlayGroup = keyof typeof OVERLAY_LAYER_IDS;
export const OVERLAY_GROUPS = Object.keys(OVERLAY_LAYER_IDS) as OverlayGroup[];

/** Source ids, one per PMTiles archive (see src/contract/tiles.ts ARCHIVES). */
export const SOURCE_IDS = {
  basemap: 'basemap',
  grids: 'grids',
  renovation: 'renovation',
  lamps: 'lamps',
  problems: 'problems',
} as const;
