/**
 * The street-lamp overlay (lamps.pmtiles): one circle per lamp, fill by status (a faulty lamp is a
 * dark street), ring by power supply (solar lamps ringed green), radius growing with zoom.
 */
import { SOURCE_IDS } from '../layer-ids';
import { LAMP_STATUS_COLORS, LAMP_TYPE_STROKES } from '../palette';
import { matchProperty } from './expressions';
import { groupMetadata } from './layer-group';
import { ZOOM } from './zoom';
import type { ExpressionSpecification, LayerSpecification } from './spec-types';

export function lampLayers(): LayerSpecification[] {
  const statusColor = matchProperty('status', LAMP_STATUS_COLORS, LAMP_STATUS_COLORS.removed);
  const typeStroke = matchProperty('type', LAMP_TYPE_STROKES, LAMP_TYPE_STROKES.grid);
  const isSolar: ExpressionSpecification = ['==', ['get', 'type'], 'solar'];
  const isFaulty: ExpressionSpecification = ['==', ['get', 'status'], 'faulty'];
  return [
    {
      id: 'lamps',
      type: 'circle',
      source: SOURCE_IDS.lamps,
      'source-layer': 'lamps',
      minzoom: ZOOM.lamps,
      metadata: groupMetadata('lamps'),
      // Faulty lamps are drawn last, so a dark spot is never hidden under working neighbours.
      layout: { 'circle-sort-key': ['case', isFaulty, 2, 1] },
      paint: {
        'circle-color': statusColor,
        // Lamps are small beside problem points; a faulty one (a dark street) is drawn larger.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          ZOOM.lamps,
          ['case', isFaulty, 2, 0.8],
          15,
          ['case', isFaulty, 3.5, 1.8],
          17,
          ['case', isFaulty, 5, 3.2],
          19,
          ['case', isFaulty, 8, 6],
        ],
        'circle-stroke-color': ['match', ['get', 'status'], 'removed', LAMP_STATUS_COLORS.removed, typeStroke],
        'circle-stroke-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          ZOOM.lamps,
          ['case', isSolar, 0.6, 0.2],
          17,
          ['case', isSolar, 2, 0.8],
        ],
        // A removed lamp is a hollow ring: there is no light there any more.
        'circle-opacity': ['match', ['get', 'status'], 'removed', 0, 1],
      },
    },
  ];
}
