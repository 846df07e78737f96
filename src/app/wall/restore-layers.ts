/**
 * An archive that failed at start has no source and no layers in the style (build-style.ts drops
 * them so the rest still draws). When a retry opens it, its layers go back in where the builders
 * put them: each before the first later layer that is on the map. Pure: tested in Node.
 */
import type { LayerSpecification } from '../map/style/spec-types';

export interface LayerInsertion {
  layer: LayerSpecification;
  /** Insert before this layer; undefined = on top. */
  beforeId: string | undefined;
}

function sourceOf(layer: LayerSpecification): string | null {
  return 'source' in layer && typeof layer.source === 'string' ? layer.source : null;
}

/** The layers of `sourceId` in the builders' order, each with the layer to insert it before. */
export function layersToRestore(ordered: readonly LayerSpecification[], sourceId: string, onMap: Iterable<string>): LayerInsertion[] {
  const present = new Set(onMap);
  const out: LayerInsertion[] = [];
  // From the top down, so each insertion's "next layer" is already known (on the map or restored).
  for (let i = ordered.length - 1; i >= 0; i--) {
    const layer = ordered[i]!;
    if (sourceOf(layer) !== sourceId || present.has(layer.id)) continue;
    const beforeId = ordered.slice(i + 1).find((l) => present.has(l.id))?.id;
    out.unshift({ layer, beforeId });
    present.add(layer.id);
  }
  return out;
}
