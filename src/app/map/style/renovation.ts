/**
 * The renovation overlay (renovation.pmtiles): compounds filled by their most advanced project's
 * status, old compounds that no project has reached outlined in dashed red (what a planner looks
 * for), road works as thick lines in the same status colours, and compound names close in.
 */
import { PROJECT_STATUSES, type CompoundStatus } from '../../../contract';
import { SOURCE_IDS } from '../layer-ids';
import {
  BASEMAP,
  COMPOUND_FILL_OPACITY,
  COMPOUND_FILL_OPACITY_CLOSE,
  COMPOUND_OUTLINE,
  COMPOUND_STATUS_COLORS,
  OLD_UNREACHED,
  ROAD_WORKS_WIDTH,
} from '../palette';
import { LABEL_FONT } from '../typography';
import { matchProperty } from './expressions';
import { groupMetadata } from './layer-group';
import type { ExpressionSpecification, LayerSpecification } from './spec-types';

const source = SOURCE_IDS.renovation;
const metadata = groupMetadata('renovation');

export const RENOVATION_EXTRA_LAYER_IDS = { labels: 'compound-labels' } as const;

/** True for an old compound (built before the cut-off) with no project at all. */
export const OLD_AND_UNREACHED: ExpressionSpecification = [
  'all',
  ['==', ['get', 'old'], true],
  ['==', ['get', 'status'], 'none'],
];

const STATUSES: CompoundStatus[] = ['none', ...PROJECT_STATUSES];

function byStatus(colors: Record<CompoundStatus, string>): ExpressionSpecification {
  return matchProperty('status', STATUSES.map((s) => [s, colors[s]] as const), colors.none);
}

export function renovationLayers(): LayerSpecification[] {
  return [
    {
      id: 'compound-fill',
      type: 'fill',
      source,
      'source-layer': 'compounds',
      metadata,
      paint: {
        'fill-color': ['case', OLD_AND_UNREACHED, OLD_UNREACHED.fill, byStatus(COMPOUND_STATUS_COLORS)],
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 15, COMPOUND_FILL_OPACITY, 17.5, COMPOUND_FILL_OPACITY_CLOSE],
      },
    },
    {
      id: 'compound-outline',
      type: 'line',
      source,
      'source-layer': 'compounds',
      metadata,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', OLD_AND_UNREACHED, OLD_UNREACHED.outline, COMPOUND_OUTLINE],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          13,
          ['case', OLD_AND_UNREACHED, 1.4, 0.4],
          17,
          ['case', OLD_AND_UNREACHED, 3, 1],
        ],
        // Dashes are in line widths; [1, 0] is a solid line.
        'line-dasharray': ['case', OLD_AND_UNREACHED, ['literal', OLD_UNREACHED.dash], ['literal', [1, 0]]],
      },
    },
    {
      id: 'road-works',
      type: 'line',
      source,
      'source-layer': 'road_works',
      metadata,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': byStatus(COMPOUND_STATUS_COLORS),
        'line-width': ['interpolate', ['linear'], ['zoom'], 13, ROAD_WORKS_WIDTH[0], 18, ROAD_WORKS_WIDTH[1]],
        'line-opacity': 0.9,
      },
    },
    {
      id: RENOVATION_EXTRA_LAYER_IDS.labels,
      type: 'symbol',
      source,
      'source-layer': 'compounds',
      minzoom: 16,
      metadata,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 12,
        'text-max-width': 7,
        'text-padding': 4,
      },
      paint: { 'text-color': '#3b3b3b', 'text-halo-color': BASEMAP.labelHalo, 'text-halo-width': 1.4 },
    },
  ];
}
