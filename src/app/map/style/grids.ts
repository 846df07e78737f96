/**
 * The grid overlay (grids.pmtiles): the level-4 choropleth, outlines from the sub-district down to
 * the level-5 micro-grids, and grid labels where there is room.
 */
import type { GridMetric } from '../../../contract';
import { SOURCE_IDS } from '../layer-ids';
import { BASEMAP, CHOROPLETH_OPACITY, CHOROPLETH_OPACITY_CLOSE, GRID_LINES } from '../palette';
import { LABEL_FONT, LABEL_FONT_BOLD } from '../typography';
import { choroplethFillColor } from './choropleth';
import { groupMetadata } from './layer-group';
import { ZOOM } from './zoom';
import type { LayerSpecification } from './spec-types';

const source = SOURCE_IDS.grids;
const metadata = groupMetadata('grids');

export const GRID_EXTRA_LAYER_IDS = {
  subdistrictHalo: 'subdistrict-outline-halo',
  labels: 'grid-labels',
  communityLabels: 'community-labels',
} as const;

export function gridFillLayers(metric: GridMetric, breaks: readonly number[]): LayerSpecification[] {
  return [
    {
      id: 'grid-choropleth',
      type: 'fill',
      source,
      'source-layer': 'grids_l4',
      metadata,
      paint: {
        'fill-color': choroplethFillColor(metric, breaks),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, CHOROPLETH_OPACITY, 17, CHOROPLETH_OPACITY_CLOSE],
      },
    },
  ];
}

export function gridLineLayers(): LayerSpecification[] {
  const join = { 'line-join': 'round' } as const;
  return [
    {
      id: 'grid-l5-outline',
      type: 'line',
      source,
      'source-layer': 'grids_l5',
      minzoom: ZOOM.gridL5,
      metadata,
      layout: join,
      paint: {
        'line-color': GRID_LINES.l5.color,
        'line-width': ['interpolate', ['linear'], ['zoom'], ZOOM.gridL5, GRID_LINES.l5.width, 18, 1.2],
        'line-dasharray': [3, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], ZOOM.gridL5, 0, ZOOM.gridL5 + 0.5, 0.9],
      },
    },
    {
      id: 'grid-l4-outline',
      type: 'line',
      source,
      'source-layer': 'grids_l4',
      metadata,
      layout: join,
      paint: {
        'line-color': GRID_LINES.l4.color,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.5, 15, GRID_LINES.l4.width, 18, 2],
      },
    },
    {
      id: 'community-outline',
      type: 'line',
      source,
      'source-layer': 'communities',
      metadata,
      layout: join,
      paint: {
        'line-color': GRID_LINES.community.color,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.2, 15, GRID_LINES.community.width, 18, 3.5],
      },
    },
    {
      // A white halo under the sub-district boundary keeps it readable over any fill.
      id: GRID_EXTRA_LAYER_IDS.subdistrictHalo,
      type: 'line',
      source,
      'source-layer': 'subdistrict',
      metadata,
      layout: join,
      paint: { 'line-color': '#ffffff', 'line-width': GRID_LINES.subdistrict.width + 3, 'line-opacity': 0.8 },
    },
    {
      id: 'subdistrict-outline',
      type: 'line',
      source,
      'source-layer': 'subdistrict',
      metadata,
      layout: join,
      paint: { 'line-color': GRID_LINES.subdistrict.color, 'line-width': GRID_LINES.subdistrict.width },
    },
  ];
}

export function gridLabelLayers(): LayerSpecification[] {
  const halo = { 'text-halo-color': BASEMAP.labelHalo, 'text-halo-width': 1.6 } as const;
  return [
    {
      id: GRID_EXTRA_LAYER_IDS.labels,
      type: 'symbol',
      source,
      'source-layer': 'grid_labels',
      minzoom: ZOOM.gridLabelsL4,
      metadata,
      filter: [
        'any',
        ['==', ['get', 'level'], 'l4'],
        ['all', ['==', ['get', 'level'], 'l5'], ['>=', ['zoom'], ZOOM.gridLabelsL5]],
      ],
      layout: {
        'text-field': ['coalesce', ['get', 'name'], ['get', 'code']],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], ZOOM.gridLabelsL4, 10, 18, 14],
        'text-max-width': 6,
        'text-padding': 8,
        // Grid labels give way to everything else; they are the least important text on the map.
        'symbol-sort-key': ['match', ['get', 'level'], 'l4', 1, 2],
      },
      paint: { 'text-color': GRID_LINES.label, ...halo },
    },
    {
      id: GRID_EXTRA_LAYER_IDS.communityLabels,
      type: 'symbol',
      source,
      'source-layer': 'grid_labels',
      metadata,
      filter: ['==', ['get', 'level'], 'community'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, 13, 16, 18],
        'text-max-width': 8,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': GRID_LINES.community.color, ...halo, 'text-halo-width': 2 },
    },
  ];
}
