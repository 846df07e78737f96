/**
 * What the import (read + normalise) made of an office's files, for the manifest: per layer the
 * format, encoding and CRS actually used, and the topology warnings that did not stop the build.
 */
import type { LayerFormat } from './config';

export interface ImportedLayer {
  file: string;
  format: LayerFormat;
  /** CSV: the encoding read (detected or declared); others: `utf-8`, or a shapefile's .cpg. */
  encoding: string;
  /** The CRS the positions were converted from, e.g. `GCJ02` or `EPSG:4549`; null for tables without positions. */
  crs: string | null;
}

/** Kinds of topology warning; a warning never drops a row (that is a reject). */
export const TOPOLOGY_WARNING_KINDS = [
  'grid-overlap',
  'grid-gap',
  'outside-grids',
  'grid-code-scheme',
  'grid-code-mismatch',
  'crs-zone',
] as const;
export type TopologyWarningKind = (typeof TOPOLOGY_WARNING_KINDS)[number];

/** One warning, in the rejects report's columns so an office reads both the same way. */
export interface ImportWarning {
  kind: TopologyWarningKind;
  file: string;
  /** Data row / feature number, 0 when the warning is about the layer as a whole. */
  row: number;
  id: string;
  field: string;
  value: string;
  reason: string;
}

export interface ImportSummary {
  layers: Record<string, ImportedLayer>;
  /** Warnings per kind (all of them, even when `warnings` is cut short). */
  warningCounts: Partial<Record<TopologyWarningKind, number>>;
  /** The first warnings (the full list is warnings.csv beside the manifest). */
  warnings: ImportWarning[];
}
