/**
 * Puts the workspace's layers (./map-style.ts) on a MapLibre map and moves them with the month,
 * the cut-off and the selection. Used for the main map and the compare map alike.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerSpecification } from '../map/style/spec-types';
import { HATCH_IMAGE, hatchPixels, lowerLayers, monthProperties, RN_LAYERS, upperLayers, type MonthPaint } from './map-style';

/** Grid lines are drawn over the workspace's fills, so they stay readable; the first one present anchors them. */
const ANCHORS = ['grid-l5-outline', 'grid-l4-outline', 'community-outline'];

export function monthPaintOf(month: string, instantMs: number, cutoff: number): MonthPaint {
  return { t: Math.floor(instantMs / 1000), year: Number(month.slice(0, 4)), cutoff };
}

export function ensureHatch(map: MapLibreMap): void {
  if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchPixels(), { pixelRatio: 1 });
}

export function installLayers(map: MapLibreMap, paint: MonthPaint, selected: { community: string | null; compound: string | null }): void {
  ensureHatch(map);
  const before = ANCHORS.find((id) => map.getLayer(id));
  for (const layer of lowerLayers(paint)) if (sourceReady(map, layer)) map.addLayer(layer, before);
  for (const layer of upperLayers(paint, selected)) if (sourceReady(map, layer)) map.addLayer(layer);
}

/** A layer whose archive failed to open has no source: skip it rather than throw. */
function sourceReady(map: MapLibreMap, layer: LayerSpecification): boolean {
  const source = 'source' in layer ? layer.source : undefined;
  return typeof source === 'string' && map.getSource(source) !== undefined;
}

export function applyMonth(map: MapLibreMap, paint: MonthPaint): void {
  const { paint: props, filters } = monthProperties(paint);
  for (const [layer, property, value] of props) if (map.getLayer(layer)) map.setPaintProperty(layer, property as never, value as never);
  for (const [layer, filter] of filters) if (map.getLayer(layer)) map.setFilter(layer, filter);
}

export function applySelection(map: MapLibreMap, selected: { community: string | null; compound: string | null }): void {
  if (map.getLayer(RN_LAYERS.communitySelected)) map.setFilter(RN_LAYERS.communitySelected, ['==', ['get', 'code'], selected.community ?? '']);
  if (map.getLayer(RN_LAYERS.compoundSelected)) map.setFilter(RN_LAYERS.compoundSelected, ['==', ['get', 'id'], selected.compound ?? '']);
}

export function removeLayers(map: MapLibreMap): void {
  for (const id of Object.values(RN_LAYERS)) if (map.getLayer(id)) map.removeLayer(id);
  if (map.hasImage(HATCH_IMAGE)) map.removeImage(HATCH_IMAGE);
}
