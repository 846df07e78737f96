/**
 * The lighting workspace's map layers, as pure MapLibre layer specs (tested in Node):
 *   day   — a 亮灯率 (or dark-share) choropleth of the level-4 grids, bold dark segments; the
 *           overview's lamp layer (status colours, solar rings) stays on top;
 *   night — a dark veil over the whole basemap, the streets faintly, each lamp the schedule has on
 *           glowing with its light radius (the dark distance, in metres on the ground at every
 *           zoom), lamps that are off or faulty as dim dots, dark segments dashed.
 * Colours for the lighting workspace live here, beside the overview's palette they extend.
 */
import { ROAD_GRADES, type LightingCellFigures, type LightingSettings, type RoadGrade } from '../../contract';
import { cellTotals } from '../../analysis/lighting/lighting-figures';
import { SOURCE_IDS } from '../map/layer-ids';
import { LAMP_STATUS_COLORS } from '../map/palette';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '../map/style/spec-types';
import type { LightingMetric } from './view-state';

export const LT_LAYERS = {
  choropleth: 'lt-grid-choropleth',
  darkCasing: 'lt-dark-casing',
  dark: 'lt-dark-segments',
  veil: 'lt-night-veil',
  nightRoads: 'lt-night-roads',
  nightDark: 'lt-night-dark',
  glow: 'lt-lamp-glow',
  core: 'lt-lamp-core',
} as const;

export const DAY_LAYERS = [LT_LAYERS.choropleth, LT_LAYERS.darkCasing, LT_LAYERS.dark] as const;
export const NIGHT_LAYERS = [LT_LAYERS.veil, LT_LAYERS.nightRoads, LT_LAYERS.nightDark, LT_LAYERS.glow, LT_LAYERS.core] as const;

export const LIGHTING_COLORS = {
  /** 亮灯率 classes, worst first: below 90 % an alarm, 98 % the usual target. */
  rate: ['#c62828', '#ef8a3c', '#c5e1a5', '#43a047'] as const,
  rateBreaks: [0.9, 0.95, 0.98] as const,
  /** Dark share of road length, low to high. */
  dark: ['#f3e5f5', '#ce93d8', '#8e24aa', '#4a148c'] as const,
  darkBreaks: [0.02, 0.05, 0.1] as const,
  noData: '#d9d6d0',
  /** Dark segments by day: deep violet on a white casing, readable on the pale basemap and the choropleth. */
  darkSegment: '#3b0a6b',
  darkCasing: '#ffffff',
  /** Night. */
  veil: '#060a18',
  veilOpacity: 0.84,
  nightRoad: '#2d3656',
  nightDark: '#ff5c8a',
  glow: '#ffcf4d',
  lampOn: '#fff6cf',
  lampOff: '#6f7386',
  lampFaulty: LAMP_STATUS_COLORS.faulty,
} as const;

export const CHOROPLETH_OPACITY = 0.55;

/** The class index (0 = first colour) of a value against ascending breaks. */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value >= breaks[k]!) k++;
  return k;
}

/** A grid's colour for the metric, or the no-data grey (no lamps, or no roads). */
export function gridColor(cell: LightingCellFigures, metric: LightingMetric): string {
  if (metric === 'rate') return cell.lightingRate === null ? LIGHTING_COLORS.noData : LIGHTING_COLORS.rate[classOf(cell.lightingRate, LIGHTING_COLORS.rateBreaks)]!;
  const share = cellTotals(cell).darkShare;
  return share === null ? LIGHTING_COLORS.noData : LIGHTING_COLORS.dark[classOf(share, LIGHTING_COLORS.darkBreaks)]!;
}

/** `fill-color`: a match on the grid code, from the manifest's per-grid figures. */
export function choroplethColor(cells: readonly LightingCellFigures[], metric: LightingMetric): ExpressionSpecification | string {
  const grids = cells.filter((c) => c.level === 'l4');
  if (grids.length === 0) return LIGHTING_COLORS.noData;
  return ['match', ['get', 'code'], ...grids.flatMap((c) => [c.code, gridColor(c, metric)]), LIGHTING_COLORS.noData] as unknown as ExpressionSpecification;
}

/**
 * Pixels per metre on the ground doubles with each zoom level; MapLibre's tiles are 512 px, so at
 * zoom z and latitude φ a metre is 512·2^z / (40,075,016.7·cos φ) px. As an exponential-2
 * interpolation between two zooms this is exact at every zoom in between.
 */
export function metresToPixels(metres: ExpressionSpecification | number, lat: number, extraPx = 0): ExpressionSpecification {
  const perMetre = (z: number): number => (512 * 2 ** z) / (40_075_016.686 * Math.cos((lat * Math.PI) / 180));
  const at = (z: number): ExpressionSpecification | number =>
    typeof metres === 'number' ? metres * perMetre(z) + extraPx : (['+', ['*', metres, perMetre(z)], extraPx] as ExpressionSpecification);
  return ['interpolate', ['exponential', 2], ['zoom'], 10, at(10), 22, at(22)] as ExpressionSpecification;
}

/** A lamp's light radius: the dark distance of the road class its group is named after, else the longest. */
export function lightRadiusM(settings: Pick<LightingSettings, 'darkDistanceM'>): ExpressionSpecification {
  const longest = Math.max(...ROAD_GRADES.map((g) => settings.darkDistanceM[g]));
  return ['match', ['get', 'group'], ...ROAD_GRADES.flatMap((g: RoadGrade) => [g, settings.darkDistanceM[g]]), longest] as unknown as ExpressionSpecification;
}

/** The glowing lamps: working, and their group on at the night view's instant. */
export function glowFilter(groupsOn: readonly string[]): FilterSpecification {
  return ['all', ['==', ['get', 'status'], 'working'], ['in', ['get', 'group'], ['literal', [...groupsOn]]]] as FilterSpecification;
}

/** Day layers (under the lamps) and night layers (over everything), both hidden until shown. */
export function lightingLayers(input: { cells: readonly LightingCellFigures[]; settings: LightingSettings; lat: number; metric: LightingMetric; groupsOn: readonly string[] }): {
  day: LayerSpecification[];
  night: LayerSpecification[];
} {
  const lamps = SOURCE_IDS.lamps;
  const hidden = { visibility: 'none' } as const;
  const lineLayout = { visibility: 'none', 'line-cap': 'round', 'line-join': 'round' } as const;
  // Bold at every zoom: a dark street is what this workspace is for. The casing is 3 px wider.
  const darkWidth = (extra: number): ExpressionSpecification => ['interpolate', ['exponential', 1.6], ['zoom'], 12, 2.5 + extra, 15, 5 + extra, 18, 12 + extra];
  const day: LayerSpecification[] = [
    {
      id: LT_LAYERS.choropleth,
      type: 'fill',
      source: SOURCE_IDS.grids,
      'source-layer': 'grids_l4',
      layout: hidden,
      paint: {
        'fill-color': choroplethColor(input.cells, input.metric),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, CHOROPLETH_OPACITY, 17, 0.2],
      },
    },
    {
      id: LT_LAYERS.darkCasing,
      type: 'line',
      source: lamps,
      'source-layer': 'dark_segments',
      layout: lineLayout,
      paint: { 'line-color': LIGHTING_COLORS.darkCasing, 'line-width': darkWidth(3) },
    },
    {
      id: LT_LAYERS.dark,
      type: 'line',
      source: lamps,
      'source-layer': 'dark_segments',
      layout: lineLayout,
      paint: { 'line-color': LIGHTING_COLORS.darkSegment, 'line-width': darkWidth(0) },
    },
  ];
  const night: LayerSpecification[] = [
    // A background layer is drawn where it stands in the layer order, so this darkens all beneath it.
    { id: LT_LAYERS.veil, type: 'background', layout: hidden, paint: { 'background-color': LIGHTING_COLORS.veil, 'background-opacity': LIGHTING_COLORS.veilOpacity } },
    {
      id: LT_LAYERS.nightRoads,
      type: 'line',
      source: lamps,
      'source-layer': 'lighting_roads',
      layout: lineLayout,
      paint: { 'line-color': LIGHTING_COLORS.nightRoad, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, 1, 18, 10] },
    },
    {
      id: LT_LAYERS.nightDark,
      type: 'line',
      source: lamps,
      'source-layer': 'dark_segments',
      layout: { visibility: 'none', 'line-cap': 'butt', 'line-join': 'round' },
      paint: { 'line-color': LIGHTING_COLORS.nightDark, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.2, 18, 4], 'line-dasharray': [2, 1.5], 'line-opacity': 0.85 },
    },
    {
      id: LT_LAYERS.glow,
      type: 'circle',
      source: lamps,
      'source-layer': 'lamps',
      layout: hidden,
      filter: glowFilter(input.groupsOn),
      paint: {
        'circle-color': LIGHTING_COLORS.glow,
        'circle-radius': metresToPixels(lightRadiusM(input.settings), input.lat),
        'circle-blur': 0.85,
        'circle-opacity': 0.42,
        // Light adds up where circles overlap; MapLibre has no additive blending, so keep it soft.
        'circle-pitch-alignment': 'map',
      },
    },
    {
      id: LT_LAYERS.core,
      type: 'circle',
      source: lamps,
      'source-layer': 'lamps',
      layout: hidden,
      filter: ['!=', ['get', 'status'], 'removed'],
      paint: {
        'circle-color': coreColor(input.groupsOn),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 0.8, 15, 1.8, 18, 4],
        'circle-stroke-color': ['case', ['==', ['get', 'type'], 'solar'], '#4cd07d', 'rgba(0,0,0,0)'],
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 13, 0, 16, 1.2],
      },
    },
  ];
  return { day, night };
}

/** Paint of the core layer for a new set of groups on (only the colour expression changes). */
export function coreColor(groupsOn: readonly string[]): ExpressionSpecification {
  const on: ExpressionSpecification = ['in', ['get', 'group'], ['literal', [...groupsOn]]];
  return ['case', ['==', ['get', 'status'], 'faulty'], LIGHTING_COLORS.lampFaulty, on, LIGHTING_COLORS.lampOn, LIGHTING_COLORS.lampOff] as ExpressionSpecification;
}
