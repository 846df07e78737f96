/**
 * Which layer-switcher entry owns a style layer. Kept in the layer's own `metadata`, so the style is
 * the single record of it: the switcher hides every layer tagged with its group, including ones
 * not named in OVERLAY_LAYER_IDS (grid labels, casings).
 */
import type { OverlayGroup } from '../layer-ids';
import type { LayerSpecification } from './spec-types';

export const GROUP_METADATA_KEY = 'guatu:group';

export function groupMetadata(group: OverlayGroup): { [GROUP_METADATA_KEY]: OverlayGroup } {
  return { [GROUP_METADATA_KEY]: group };
}

/** The overlay group a layer belongs to, or null for basemap layers. */
export function groupOfLayer(layer: Pick<LayerSpecification, 'metadata'>): OverlayGroup | null {
  const meta = layer.metadata as Record<string, unknown> | undefined;
  const group = meta?.[GROUP_METADATA_KEY];
  return typeof group === 'string' ? (group as OverlayGroup) : null;
}
