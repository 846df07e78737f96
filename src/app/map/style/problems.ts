/**
 * The problem overlay (problems.pmtiles): a heat map of open problems weighted by severity for the
 * overview, fading out as single points (coloured by major category, overdue ringed red) take over
 * at street zoom.
 */
import { SOURCE_IDS } from '../layer-ids';
import { HEAT_RAMP, PROBLEM_CLOSED, PROBLEM_MAJOR_COLORS, PROBLEM_OVERDUE_RING } from '../palette';
import { matchProperty } from './expressions';
import { groupMetadata } from './layer-group';
import { ZOOM } from './zoom';
import type { ExpressionSpecification, LayerSpecification } from './spec-types';

const source = SOURCE_IDS.problems;
const metadata = groupMetadata('problems');

/** Not yet closed (结案): what the command room is working on. */
export const IS_OPEN: ExpressionSpecification = ['!=', ['get', 'status'], 'closed'];
const IS_OVERDUE: ExpressionSpecification = ['==', ['to-number', ['get', 'overdue'], 0], 1];

export function majorCategoryColor(): ExpressionSpecification {
  const majors = Object.entries(PROBLEM_MAJOR_COLORS).filter(([k]) => k !== 'other');
  return matchProperty('major', majors, PROBLEM_MAJOR_COLORS.other ?? PROBLEM_CLOSED);
}

export function problemHeatLayers(): LayerSpecification[] {
  return [
    {
      id: 'problems-heat',
      type: 'heatmap',
      source,
      // The lean heat copy (ProblemHeatTileProps), present at every zoom; full records start at z14.
      'source-layer': 'problems_heat',
      maxzoom: ZOOM.heatFadeEnd,
      metadata,
      // Closed problems are history; the heat shows the open load only (see the legend caption).
      filter: IS_OPEN,
      paint: {
        // Severity 1–3 (category table); overdue problems weigh half as much again.
        'heatmap-weight': [
          '*',
          ['/', ['to-number', ['get', 'severity'], 1], 3],
          ['case', IS_OVERDUE, 1.5, 1],
        ],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 14, 0.8, 16, 1.2],
        // Wide kernels: the overview should show hot areas, not a pox of single problems.
        'heatmap-radius': ['interpolate', ['exponential', 1.6], ['zoom'], 11, 10, 14, 30, 16, 60],
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          ...HEAT_RAMP.flat(),
        ] as ExpressionSpecification,
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.heatFadeStart, 0.75, ZOOM.heatFadeEnd, 0],
      },
    },
  ];
}

export function problemPointLayers(): LayerSpecification[] {
  return [
    {
      id: 'problems-points',
      type: 'circle',
      source,
      'source-layer': 'problems',
      minzoom: ZOOM.problemPoints - 0.5,
      metadata,
      // Overdue on top, closed at the bottom.
      layout: { 'circle-sort-key': ['case', IS_OVERDUE, 3, IS_OPEN, 2, 1] },
      paint: {
        'circle-color': ['case', IS_OPEN, majorCategoryColor(), PROBLEM_CLOSED],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], ZOOM.problemPoints, ['case', IS_OPEN, 4.5, 3], 18, ['case', IS_OPEN, 9, 6]],
        'circle-stroke-color': ['case', IS_OVERDUE, PROBLEM_OVERDUE_RING, '#ffffff'],
        'circle-stroke-width': ['case', IS_OVERDUE, 3, 1.5],
        'circle-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          ZOOM.problemPoints - 0.5,
          0,
          ZOOM.problemPoints,
          ['case', IS_OPEN, 1, 0.7],
        ],
        'circle-stroke-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.problemPoints - 0.5, 0, ZOOM.problemPoints, 1],
      },
    },
  ];
}
