/**
 * Each layer's CRS in the normalise stage: the one the read stage settled (config.sources, from
 * the config or the file's .prj), else the dataset's. `CrsGuard` runs the sanity check on every
 * layer before it is converted and stops the build, naming the file, when one does not line up.
 */
import type { Polygon, MultiPolygon, Position } from 'geojson';
import type { DatasetConfig, LayerSource } from '../../../src/contract';
import type { OsmData } from '../../osm/read-osm-xml';
import { InputFileError } from '../errors';
import { converterToWgs84, type PositionConverter } from './convert';
import { CRS_HELP, resolveCrs, type CrsDefinition } from './definitions';
import { checkLayerCrs, CrsReference, type LayerFigures } from './sanity-check';

export function layerCrs(config: DatasetConfig, layer: string): CrsDefinition {
  const declared = (config.sources as Record<string, LayerSource | undefined> | undefined)?.[layer]?.crs ?? config.crs;
  const crs = resolveCrs(declared);
  if (!crs) throw new InputFileError(layer, `CRS "${declared}" is not one Guatu knows; expected ${CRS_HELP}`);
  return crs;
}

export function layerConverter(config: DatasetConfig, layer: string): PositionConverter {
  return converterToWgs84(layerCrs(config, layer));
}

export class CrsGuard {
  private readonly reference: CrsReference;
  /** What the check measured per layer (for the benchmark and tests). */
  readonly figures: Record<string, LayerFigures> = {};

  constructor(
    private readonly config: DatasetConfig,
    boundaryWgs84: Polygon | MultiPolygon,
    inside: (lon: number, lat: number) => boolean,
    osm: OsmData,
  ) {
    this.reference = new CrsReference(inside, boundaryWgs84, osm);
  }

  /** Throws when the layer's positions, read in its declared CRS, do not sit on the sub-district. */
  check(layer: string, file: string, positions: Position[], isBoundary = false): void {
    if (!this.config.checks.crs || positions.length === 0) return;
    const verdict = checkLayerCrs({ layer, declared: layerCrs(this.config, layer), positions, isBoundary }, this.reference);
    this.figures[layer] = verdict.figures;
    if (!verdict.ok) {
      throw new InputFileError(file, `CRS check failed for files.${layer}: ${verdict.reason} (To build anyway, set "checks": { "crs": false } — only for data checked by eye.)`);
    }
  }
}
