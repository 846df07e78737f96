/**
 * The wall screen's dark theme: the same style the builders in ../map/style/ make, with the
 * basemap, the grid lines and every label recoloured for a dark room, so the overlays' colours
 * (heat, status, faults) are what glows. Kept as paint overrides per layer id: applied to the
 * style before the map is created (no light frame at start), and applied or undone on a live
 * map when wall mode is entered or left; the light values are the builders' own, so leaving
 * restores exactly what they draw. Pure (the live-map part takes the map as an argument).
 */
import { LANDUSE_CLASSES, ROAD_CLASSES, type LanduseClass, type RoadClass } from '../../contract';
import { BASEMAP_LAYER_IDS } from '../map/style/basemap';
import { allLayers } from '../map/style/build-style';
import { matchProperty } from '../map/style/expressions';
import { GRID_EXTRA_LAYER_IDS } from '../map/style/grids';
import { RENOVATION_EXTRA_LAYER_IDS } from '../map/style/renovation';
import type { LayerSpecification, StyleSpecification } from '../map/style/spec-types';

export type Theme = 'light' | 'dark';

/** The dark palette, night-blue ground; one place, as ../map/palette.ts is for the light one. */
export const DARK = {
  background: '#0b1322',
  landuse: '#101b2d',
  park: '#11261f',
  water: '#10263f',
  waterOutline: '#173352',
  building: '#1a2536',
  buildingOutline: '#243247',
  roadMajor: '#3a4658',
  roadMajorCasing: '#1b2433',
  roadMinor: '#263244',
  path: '#223044',
  label: '#b9c6d8',
  placeLabel: '#d5deea',
  halo: '#0b1322',
  /** Grid lines brighter than on paper: dark red vanishes on a dark ground. */
  subdistrict: '#ff7b72',
  community: '#e8867f',
  gridL4: '#8796ab',
  gridL5: '#5b6b80',
  gridLabel: '#c3cedd',
} as const;

const GREEN_CLASSES: readonly LanduseClass[] = ['park', 'grass', 'forest', 'sport', 'cemetery'];
const MAJOR_ROADS: readonly RoadClass[] = ['trunk', 'primary', 'secondary'];

type PaintTable = Record<string, Record<string, unknown>>;

/** Paint the dark theme sets, per layer id. Every property here has a light value in the builders. */
export function darkPaint(): PaintTable {
  const byRoad = (major: string, minor: string) => matchProperty('class', ROAD_CLASSES.map((c) => [c, MAJOR_ROADS.includes(c) ? major : minor] as const), minor);
  const labels = { 'text-color': DARK.label, 'text-halo-color': DARK.halo };
  return {
    [BASEMAP_LAYER_IDS.background]: { 'background-color': DARK.background },
    [BASEMAP_LAYER_IDS.landuse]: { 'fill-color': matchProperty('class', LANDUSE_CLASSES.map((c) => [c, GREEN_CLASSES.includes(c) ? DARK.park : DARK.landuse] as const), DARK.landuse) },
    [BASEMAP_LAYER_IDS.water]: { 'fill-color': DARK.water, 'fill-outline-color': DARK.waterOutline },
    [BASEMAP_LAYER_IDS.waterways]: { 'line-color': DARK.water },
    [BASEMAP_LAYER_IDS.buildings]: { 'fill-color': DARK.building, 'fill-outline-color': DARK.buildingOutline },
    [BASEMAP_LAYER_IDS.roadCasing]: { 'line-color': DARK.roadMajorCasing },
    [BASEMAP_LAYER_IDS.roads]: { 'line-color': byRoad(DARK.roadMajor, DARK.roadMinor) },
    [BASEMAP_LAYER_IDS.paths]: { 'line-color': DARK.path },
    [BASEMAP_LAYER_IDS.roadLabels]: labels,
    [BASEMAP_LAYER_IDS.facilityLabels]: labels,
    [BASEMAP_LAYER_IDS.placeLabels]: { 'text-color': DARK.placeLabel, 'text-halo-color': DARK.halo },
    'grid-l5-outline': { 'line-color': DARK.gridL5 },
    'grid-l4-outline': { 'line-color': DARK.gridL4 },
    'community-outline': { 'line-color': DARK.community },
    [GRID_EXTRA_LAYER_IDS.subdistrictHalo]: { 'line-color': DARK.halo },
    'subdistrict-outline': { 'line-color': DARK.subdistrict },
    [GRID_EXTRA_LAYER_IDS.labels]: { 'text-color': DARK.gridLabel, 'text-halo-color': DARK.halo },
    [GRID_EXTRA_LAYER_IDS.communityLabels]: { 'text-color': DARK.community, 'text-halo-color': DARK.halo },
    [RENOVATION_EXTRA_LAYER_IDS.labels]: labels,
  };
}

/** The builders' own (light) values of every property the dark theme sets. */
export function lightPaint(): PaintTable {
  const dark = darkPaint();
  // The metric and breaks only shape the choropleth, which the theme does not touch.
  const layers = allLayers('open_problems', { open_problems: [], problems_per_100hh: [], renovation_coverage: [] });
  const out: PaintTable = {};
  for (const layer of layers) {
    const wanted = dark[layer.id];
    if (!wanted) continue;
    const paint = (layer.paint ?? {}) as Record<string, unknown>;
    out[layer.id] = Object.fromEntries(Object.keys(wanted).map((k) => [k, paint[k]]));
  }
  return out;
}

export function themePaint(theme: Theme): PaintTable {
  return theme === 'dark' ? darkPaint() : lightPaint();
}

/** The style with the theme's paint applied; layers the table does not name are left as they are. */
export function themedStyle(style: StyleSpecification, theme: Theme): StyleSpecification {
  if (theme === 'light') return style;
  const table = themePaint(theme);
  return {
    ...style,
    layers: style.layers.map((layer) => {
      const paint = table[layer.id];
      return paint ? ({ ...layer, paint: { ...layer.paint, ...paint } } as LayerSpecification) : layer;
    }),
  };
}

/** The part of a live map the theme needs (so this module stays free of maplibre-gl's runtime). */
export interface PaintableMap {
  getLayer(id: string): unknown;
  setPaintProperty(layerId: string, name: string, value: unknown): unknown;
}

/** Applies a theme to a live map: one paint change per property, no style reload, no flash. */
export function applyTheme(map: PaintableMap, theme: Theme): void {
  for (const [layerId, paint] of Object.entries(themePaint(theme))) {
    if (!map.getLayer(layerId)) continue; // the layer's archive failed to load
    for (const [name, value] of Object.entries(paint)) map.setPaintProperty(layerId, name, value);
  }
}
