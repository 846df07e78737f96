/**
 * The import's report beside the tiles: warnings.csv (every topology warning, in the rejects
 * report's columns plus its kind, UTF-8 with BOM for Excel) and the manifest's `import` section.
 */
import { join } from 'node:path';
import type { ImportedLayer, ImportSummary, ImportWarning } from '../../../src/contract';
import { csvText, type CsvColumn } from '../../../src/analysis/csv-export';
import { writeFileAtomic } from '../../tiling/atomic-write';
import { countWarnings } from './topology-warnings';

export const WARNINGS_FILE = 'warnings.csv';
/** The manifest carries the first warnings only; warnings.csv has them all. */
export const MANIFEST_WARNINGS = 200;

const COLUMNS: CsvColumn<ImportWarning>[] = [
  { header: 'kind', value: (w) => w.kind },
  { header: 'file', value: (w) => w.file },
  { header: 'row', value: (w) => w.row },
  { header: 'id', value: (w) => w.id },
  { header: 'field', value: (w) => w.field },
  { header: 'value', value: (w) => w.value },
  { header: 'reason', value: (w) => w.reason },
];

export function warningsCsv(warnings: readonly ImportWarning[]): string {
  return csvText(COLUMNS, warnings);
}

export async function writeWarnings(outDir: string, warnings: readonly ImportWarning[]): Promise<void> {
  await writeFileAtomic(join(outDir, WARNINGS_FILE), warningsCsv(warnings));
}

export function importSummary(layers: Record<string, ImportedLayer>, warnings: ImportWarning[]): ImportSummary {
  return { layers, warningCounts: countWarnings(warnings), warnings: warnings.slice(0, MANIFEST_WARNINGS) };
}
