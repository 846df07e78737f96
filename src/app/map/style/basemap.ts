/**
 * The basemap (OSM-derived basemap.pmtiles): calm ground, water, roads with casings, buildings from
 * z14, and Chinese place and road-name labels. Split into three bands so overlays can sit between
 * them: ground (under the choropleth), roads and buildings, labels (on top of everything).
 */
import { PLACE_CLASSES, ROAD_CLASSES, type PlaceClass, type RoadClass } from '../../../contract';
import { SOURCE_IDS } from '../layer-ids';
import { BASEMAP, CASED_ROAD_CLASSES, LANDUSE_COLORS, ROAD_CASING_PX, ROAD_COLORS, ROAD_WIDTHS } from '../palette';
import { LABEL_FONT, LABEL_FONT_BOLD } from '../typography';
import { matchProperty } from './expressions';
import { ZOOM } from './zoom';
import type { ExpressionSpecification, LayerSpecification } from './spec-types';

const source = SOURCE_IDS.basemap;

export const BASEMAP_LAYER_IDS = {
  background: 'basemap-background',
  landuse: 'basemap-landuse',
  water: 'basemap-water',
  waterways: 'basemap-waterways',
  buildings: 'basemap-buildings',
  roadCasing: 'basemap-road-casing',
  roads: 'basemap-roads',
  paths: 'basemap-paths',
  roadLabels: 'basemap-road-labels',
  facilityLabels: 'basemap-facility-labels',
  placeLabels: 'basemap-place-labels',
} as const;

/** Places that are areas of the city (bold, from the overview); the other classes are facilities. */
export const SETTLEMENT_PLACE_CLASSES: readonly PlaceClass[] = [
  'city',
  'town',
  'suburb',
  'village',
  'neighbourhood',
  'hamlet',
  'locality',
];
const FACILITY_PLACE_CLASSES = PLACE_CLASSES.filter((c) => !SETTLEMENT_PLACE_CLASSES.includes(c));
/** Facility names (schools, police, markets) are detail: street zoom only. */
const FACILITY_LABEL_MINZOOM = 15;

/** `geometry-type` says "MultiPolygon" for a multipolygon feature, so match both forms. */
const IS_AREA: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const IS_LINE: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];

/** Chinese name first: OSM in China puts Chinese in `name`, some features also carry `name:zh`. */
export const CHINESE_NAME: ExpressionSpecification = ['coalesce', ['get', 'name:zh'], ['get', 'name'], ''];

function byRoadClass<T extends string | number>(value: (c: RoadClass) => T, fallback: T): ExpressionSpecification {
  return matchProperty('class', ROAD_CLASSES.map((c) => [c, value(c)] as const), fallback);
}

/** Width of a road by class, interpolated exponentially between z12 and z18. */
export function roadWidth(extraPx = 0, classes: readonly RoadClass[] = ROAD_CLASSES): ExpressionSpecification {
  const at = (i: 0 | 1): ExpressionSpecification =>
    byRoadClass((c) => (classes.includes(c) ? ROAD_WIDTHS[c][i] + extraPx * 2 : 0), 0);
  return ['interpolate', ['exponential', 1.5], ['zoom'], 12, at(0), 18, at(1)];
}

export function basemapGroundLayers(): LayerSpecification[] {
  return [
    { id: BASEMAP_LAYER_IDS.background, type: 'background', paint: { 'background-color': BASEMAP.background } },
    {
      id: BASEMAP_LAYER_IDS.landuse,
      type: 'fill',
      source,
      'source-layer': 'landuse',
      paint: {
        'fill-color': matchProperty<string>('class', LANDUSE_COLORS, BASEMAP.landuseOther),
      },
    },
    {
      id: BASEMAP_LAYER_IDS.water,
      type: 'fill',
      source,
      'source-layer': 'water',
      filter: IS_AREA,
      paint: { 'fill-color': BASEMAP.water, 'fill-outline-color': BASEMAP.waterOutline },
    },
    {
      id: BASEMAP_LAYER_IDS.waterways,
      type: 'line',
      source,
      'source-layer': 'water',
      filter: IS_LINE,
      paint: {
        'line-color': BASEMAP.water,
        // Streams and ditches stay thin; rivers and canals mapped as lines get some body.
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['match', ['get', 'class'], 'stream', 0.6, 1.2],
          18,
          ['match', ['get', 'class'], 'stream', 2.5, 8],
        ],
      },
    },
  ];
}

export function basemapRoadLayers(): LayerSpecification[] {
  const lineLayout = { 'line-cap': 'round', 'line-join': 'round' } as const;
  return [
    {
      id: BASEMAP_LAYER_IDS.buildings,
      type: 'fill',
      source,
      'source-layer': 'buildings',
      minzoom: ZOOM.buildings,
      paint: {
        'fill-color': BASEMAP.building,
        'fill-outline-color': BASEMAP.buildingOutline,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.buildings, 0, ZOOM.buildings + 0.5, 0.9],
      },
    },
    {
      id: BASEMAP_LAYER_IDS.roadCasing,
      type: 'line',
      source,
      'source-layer': 'roads',
      filter: ['in', ['get', 'class'], ['literal', [...CASED_ROAD_CLASSES]]],
      layout: lineLayout,
      paint: {
        'line-color': byRoadClass((c) => ROAD_COLORS[c].casing, ROAD_COLORS.minor.casing),
        'line-width': roadWidth(ROAD_CASING_PX, CASED_ROAD_CLASSES),
      },
    },
    {
      id: BASEMAP_LAYER_IDS.paths,
      type: 'line',
      source,
      'source-layer': 'roads',
      minzoom: 14,
      filter: ['==', ['get', 'class'], 'path'],
      paint: {
        'line-color': ROAD_COLORS.path.fill,
        'line-width': roadWidth(0, ['path']),
        'line-dasharray': [2, 1],
      },
    },
    {
      id: BASEMAP_LAYER_IDS.roads,
      type: 'line',
      source,
      'source-layer': 'roads',
      filter: ['!=', ['get', 'class'], 'path'],
      layout: lineLayout,
      paint: {
        'line-color': byRoadClass((c) => ROAD_COLORS[c].fill, ROAD_COLORS.minor.fill),
        'line-width': roadWidth(0),
      },
    },
  ];
}

export function basemapLabelLayers(): LayerSpecification[] {
  return [
    {
      id: BASEMAP_LAYER_IDS.roadLabels,
      type: 'symbol',
      source,
      'source-layer': 'roads',
      minzoom: ZOOM.roadLabels,
      filter: ['all', ['has', 'name'], ['!=', ['get', 'class'], 'path']],
      layout: {
        'symbol-placement': 'line',
        'text-field': CHINESE_NAME,
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 15],
        'text-max-angle': 30,
        'symbol-spacing': 320,
        'text-padding': 4,
      },
      paint: { 'text-color': BASEMAP.roadLabel, 'text-halo-color': BASEMAP.labelHalo, 'text-halo-width': 1.5 },
    },
    {
      id: BASEMAP_LAYER_IDS.facilityLabels,
      type: 'symbol',
      source,
      'source-layer': 'places',
      minzoom: FACILITY_LABEL_MINZOOM,
      filter: ['all', ['has', 'name'], ['in', ['get', 'class'], ['literal', FACILITY_PLACE_CLASSES]]],
      layout: {
        'text-field': CHINESE_NAME,
        'text-font': LABEL_FONT,
        'text-size': 12,
        'text-max-width': 7,
        'text-padding': 4,
        'symbol-sort-key': ['to-number', ['get', 'rank'], 99],
      },
      paint: { 'text-color': BASEMAP.placeFacilityLabel, 'text-halo-color': BASEMAP.labelHalo, 'text-halo-width': 1.5 },
    },
    {
      id: BASEMAP_LAYER_IDS.placeLabels,
      type: 'symbol',
      source,
      'source-layer': 'places',
      filter: ['all', ['has', 'name'], ['in', ['get', 'class'], ['literal', [...SETTLEMENT_PLACE_CLASSES]]]],
      layout: {
        'text-field': CHINESE_NAME,
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 12, 17, 16],
        'text-max-width': 8,
        'text-padding': 6,
        // `rank` 1 is the most important label (the pipeline's label priority).
        'symbol-sort-key': ['to-number', ['get', 'rank'], 99],
      },
      paint: {
        'text-color': BASEMAP.placeLabel,
        'text-halo-color': BASEMAP.labelHalo,
        'text-halo-width': 1.8,
        // Places are context; overlays and their labels come first.
        'text-opacity': 0.85,
      },
    },
  ];
}
