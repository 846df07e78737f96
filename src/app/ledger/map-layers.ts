/**
 * The ledger workspace's MapLibre sources and layers: the heat-map (weighted bins from the worker),
 * single problems at street zoom (coloured by category, ringed by supervision colour), the
 * supervision layer (every open problem in its colour), and the red/black list and selection
 * outlines drawn on the grids archive. Pure specs plus the small functions that switch them.
 *
 * Why the heat-map is a MapLibre layer on worker bins and not a filter on the vector tiles: the
 * filters include things no tile can hold (rebounds at a chosen window, status at a chosen as-of,
 * source, department), and re-filtering a million points in MapLibre re-parses every tile. The
 * worker bins the matched problems into 20 m squares (a few thousand points), which MapLibre draws
 * under the labels as its own heatmap — unlike a deck.gl overlay, which would cover them.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { PROBLEM_MAJOR_COLORS, HEAT_RAMP } from '../map/palette';
import type { ExpressionSpecification, LayerSpecification } from '../map/style/spec-types';
import { SOURCE_IDS } from '../map/layer-ids';
import { LIST_COLORS, SUPERVISION_COLORS } from './colors';
import { BIN, BIN_STRIDE } from '../../analysis/ledger/ledger-engine';

export const LEDGER_SOURCES = { bins: 'ledger-bins', points: 'ledger-points', open: 'ledger-open' } as const;
export const LEDGER_LAYER_IDS = {
  heat: 'ledger-heat',
  points: 'ledger-points',
  supervision: 'ledger-supervision',
  redFill: 'ledger-red-fill',
  redLine: 'ledger-red-line',
  blackFill: 'ledger-black-fill',
  blackLine: 'ledger-black-line',
  selectedLine: 'ledger-selected-line',
} as const;

/** Single problems from this zoom (street level); clusters and heat hand over here. */
export const POINTS_MINZOOM = 16;

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

function majorColor(): ExpressionSpecification {
  const pairs = Object.entries(PROBLEM_MAJOR_COLORS).filter(([k]) => k !== 'other');
  return ['match', ['get', 'major'], ...pairs.flat(), PROBLEM_MAJOR_COLORS.other ?? '#17becf'] as unknown as ExpressionSpecification;
}

const levelColor = (part: 'fill' | 'stroke'): ExpressionSpecification => [
  'match',
  ['get', 'level'],
  0,
  SUPERVISION_COLORS.white[part],
  1,
  SUPERVISION_COLORS.yellow[part],
  2,
  SUPERVISION_COLORS.red[part],
  '#ffffff',
];

export function ledgerLayers(): LayerSpecification[] {
  const codeIn = (codes: string[]): ExpressionSpecification => ['in', ['get', 'code'], ['literal', codes]];
  return [
    {
      id: LEDGER_LAYER_IDS.heat,
      type: 'heatmap',
      source: LEDGER_SOURCES.bins,
      maxzoom: POINTS_MINZOOM + 1,
      paint: {
        // `w` is the bin's count (or severity sum) over the 95th percentile of all bins, capped at 1.
        'heatmap-weight': ['get', 'w'],
        // 20 m bins are dense: a low intensity keeps the hot spots apart instead of one red sheet.
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 0.12, 14, 0.22, 16, 0.45],
        'heatmap-radius': ['interpolate', ['exponential', 1.6], ['zoom'], 11, 6, 14, 18, 16, 40],
        'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], ...HEAT_RAMP.flat()] as ExpressionSpecification,
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], POINTS_MINZOOM - 0.5, 0.8, POINTS_MINZOOM + 0.5, 0],
      },
    },
    { id: LEDGER_LAYER_IDS.redFill, type: 'fill', source: SOURCE_IDS.grids, 'source-layer': 'communities', filter: codeIn([]), paint: { 'fill-color': LIST_COLORS.red.fill } },
    { id: LEDGER_LAYER_IDS.blackFill, type: 'fill', source: SOURCE_IDS.grids, 'source-layer': 'communities', filter: codeIn([]), paint: { 'fill-color': LIST_COLORS.black.fill } },
    { id: LEDGER_LAYER_IDS.redLine, type: 'line', source: SOURCE_IDS.grids, 'source-layer': 'communities', filter: codeIn([]), paint: { 'line-color': LIST_COLORS.red.line, 'line-width': 3.5 } },
    { id: LEDGER_LAYER_IDS.blackLine, type: 'line', source: SOURCE_IDS.grids, 'source-layer': 'communities', filter: codeIn([]), paint: { 'line-color': LIST_COLORS.black.line, 'line-width': 3.5, 'line-dasharray': [2, 1] } },
    { id: LEDGER_LAYER_IDS.selectedLine, type: 'line', source: SOURCE_IDS.grids, 'source-layer': 'communities', filter: codeIn([]), paint: { 'line-color': LIST_COLORS.selected, 'line-width': 4 } },
    {
      id: LEDGER_LAYER_IDS.supervision,
      type: 'circle',
      source: LEDGER_SOURCES.open,
      layout: { 'circle-sort-key': ['get', 'level'] },
      paint: {
        'circle-color': levelColor('fill'),
        'circle-stroke-color': levelColor('stroke'),
        'circle-stroke-width': 1.5,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 16, 6, 18, 9],
      },
    },
    {
      id: LEDGER_LAYER_IDS.points,
      type: 'circle',
      source: LEDGER_SOURCES.points,
      minzoom: POINTS_MINZOOM,
      // Open (level 0–2) above closed (3), red on top.
      layout: { 'circle-sort-key': ['case', ['==', ['get', 'level'], 3], -1, ['get', 'level']] },
      paint: {
        // Every problem in its category's colour; closed ones fainter and smaller, open ones on top.
        'circle-color': majorColor(),
        'circle-opacity': ['case', ['==', ['get', 'status'], 'closed'], 0.45, 1],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], POINTS_MINZOOM, ['case', ['==', ['get', 'status'], 'closed'], 3.5, 5.5], 19, ['case', ['==', ['get', 'status'], 'closed'], 7, 11]],
        // Supervision ring: yellow or red; white orders and closed problems get a plain white rim.
        'circle-stroke-color': ['match', ['get', 'level'], 1, SUPERVISION_COLORS.yellow.fill, 2, SUPERVISION_COLORS.red.fill, '#ffffff'],
        'circle-stroke-width': ['match', ['get', 'level'], 1, 3, 2, 3, 1.5],
      },
    },
  ];
}

/** Adds the sources and layers below the first label layer (so labels stay readable). */
export function installLedgerLayers(map: MapLibreMap): void {
  for (const id of Object.values(LEDGER_SOURCES)) if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty() });
  const firstLabel = map.getStyle().layers.find((l) => l.type === 'symbol')?.id;
  const hasGrids = Boolean(map.getSource(SOURCE_IDS.grids));
  for (const layer of ledgerLayers()) {
    if (map.getLayer(layer.id)) continue;
    if ('source' in layer && layer.source === SOURCE_IDS.grids && !hasGrids) continue;
    // Points above the labels: they are what the clerk clicks.
    map.addLayer(layer, layer.type === 'circle' ? undefined : firstLabel);
  }
}

export function removeLedgerLayers(map: MapLibreMap): void {
  for (const id of Object.values(LEDGER_LAYER_IDS)) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of Object.values(LEDGER_SOURCES)) if (map.getSource(id)) map.removeSource(id);
}

/** The heat-map's points from the answer's bins, weighted by count or severity over the 95th percentile. */
export function binFeatures(bins: Float64Array, weight: 'count' | 'severity', scale: { count: number; severity: number }): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  const offset = weight === 'count' ? BIN.all : BIN.severity;
  const max = weight === 'count' ? scale.count : scale.severity;
  for (let o = 0; o < bins.length; o += BIN_STRIDE) {
    features.push({
      type: 'Feature',
      properties: { w: Math.min(1, (bins[o + offset] as number) / max), n: bins[o + BIN.all] },
      geometry: { type: 'Point', coordinates: [bins[o] as number, bins[o + 1] as number] },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function setVisible(map: MapLibreMap, id: string, visible: boolean): void {
  if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

/** Outlines the red and black lists and the selection, on communities or level-4 grids. */
export function applyHighlights(map: MapLibreMap, level: 'communities' | 'grids_l4', red: string[], black: string[], selected: string[]): void {
  const set = (id: string, codes: string[]): void => {
    if (!map.getLayer(id)) return;
    map.setFilter(id, ['in', ['get', 'code'], ['literal', codes]]);
  };
  // source-layer cannot change on a live layer: move the list layers between levels by re-adding.
  for (const id of [LEDGER_LAYER_IDS.redFill, LEDGER_LAYER_IDS.blackFill, LEDGER_LAYER_IDS.redLine, LEDGER_LAYER_IDS.blackLine, LEDGER_LAYER_IDS.selectedLine]) {
    const layer = map.getLayer(id);
    if (!layer || (layer as unknown as { sourceLayer?: string }).sourceLayer === level) continue;
    const spec = ledgerLayers().find((l) => l.id === id)!;
    const before = map.getStyle().layers[map.getStyle().layers.findIndex((l) => l.id === id) + 1]?.id;
    map.removeLayer(id);
    map.addLayer({ ...spec, 'source-layer': level } as LayerSpecification, before);
  }
  set(LEDGER_LAYER_IDS.redFill, red);
  set(LEDGER_LAYER_IDS.redLine, red);
  set(LEDGER_LAYER_IDS.blackFill, black);
  set(LEDGER_LAYER_IDS.blackLine, black);
  set(LEDGER_LAYER_IDS.selectedLine, selected);
}
