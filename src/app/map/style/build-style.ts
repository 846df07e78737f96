/**
 * Assembles the whole MapLibre style from the overlay builders, in drawing order: basemap ground,
 * choropleth, roads and buildings, renovation, grid lines, heat, lamps, problem points, labels.
 * Pure (no DOM, no MapLibre): the unit tests run it in Node.
 */
import type { ArchiveName, GridMetric, Manifest } from '../../../contract';
import { OVERLAY_GROUPS, SOURCE_IDS, type OverlayGroup } from '../layer-ids';
import { basemapGroundLayers, basemapLabelLayers, basemapRoadLayers } from './basemap';
import { gridFillLayers, gridLabelLayers, gridLineLayers } from './grids';
import { groupOfLayer } from './layer-group';
import { lampLayers } from './lamps';
import { problemHeatLayers, problemPointLayers } from './problems';
import { renovationLayers } from './renovation';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from './spec-types';

export interface StyleInput {
  manifest: Pick<Manifest, 'center' | 'gridMetricBreaks'>;
  /**
   * `pmtiles://` URL of each archive that opened. An archive missing here (it failed to load) gets
   * no source and none of its layers, so the rest of the map still draws.
   */
  archiveUrls: Partial<Record<ArchiveName, string>>;
  metric: GridMetric;
  visible: Record<OverlayGroup, boolean>;
}

export type Visibility = Record<OverlayGroup, boolean>;

export const ALL_VISIBLE: Visibility = Object.fromEntries(OVERLAY_GROUPS.map((g) => [g, true])) as Visibility;

/** Every layer in drawing order, for every archive (before dropping unavailable ones). */
export function allLayers(metric: GridMetric, breaks: Manifest['gridMetricBreaks']): LayerSpecification[] {
  return [
    ...basemapGroundLayers(),
    ...gridFillLayers(metric, breaks[metric] ?? []),
    ...basemapRoadLayers(),
    ...renovationLayers(),
    ...gridLineLayers(),
    ...problemHeatLayers(),
    ...lampLayers(),
    ...problemPointLayers(),
    ...basemapLabelLayers(),
    ...gridLabelLayers(),
  ];
}

function sourceOf(layer: LayerSpecification): string | null {
  return 'source' in layer && typeof layer.source === 'string' ? layer.source : null;
}

export function buildStyle(input: StyleInput): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const [name, url] of Object.entries(input.archiveUrls) as [ArchiveName, string | undefined][]) {
    if (url) sources[SOURCE_IDS[name]] = { type: 'vector', url };
  }
  const layers = allLayers(input.metric, input.manifest.gridMetricBreaks)
    .filter((layer) => {
      const src = sourceOf(layer);
      return src === null || src in sources;
    })
    .map((layer) => {
      const group = groupOfLayer(layer);
      if (group === null || layer.type === 'background') return layer;
      return { ...layer, layout: { ...layer.layout, visibility: input.visible[group] ? 'visible' : 'none' } } as LayerSpecification;
    });
  return {
    version: 8,
    name: 'Guatu',
    center: input.manifest.center,
    zoom: 14,
    // No `glyphs` and no `sprite`: labels are drawn locally from system fonts (see ../typography.ts),
    // symbols are plain circles, lines and fills, so the map makes no request beyond the archives.
    sources,
    layers,
  };
}
