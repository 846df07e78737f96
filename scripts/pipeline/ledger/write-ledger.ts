/**
 * Writes the ledger's files under `ledger/` in the tiles folder, each atomically, gzipped (the worker
 * inflates them with DecompressionStream, so no server configuration is needed), and returns the
 * manifest's `ledger` section. Same inputs, same bytes: gzip's mtime is 0 and its OS byte fixed.
 */
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LEDGER_DIR, LEDGER_TABLE_FILE, ledgerTextFile, type LedgerSummary } from '../../../src/contract';
import { encodeLedgerTable } from '../../../src/analysis/ledger/ledger-table';
import { formatChinaTime } from '../../../src/analysis/datetime';
import { writeFileAtomic } from '../../tiling/atomic-write';
import type { Completion } from './complete-problem';
import type { LedgerProduct } from './derive-ledger';
import { writeDatasetIndex } from './dataset-index';
import type { LedgerInputs } from './ledger-inputs';

/** gzip with the OS byte set to 255 ("unknown", RFC 1952 §2.3.1), as the PMTiles writer does. */
export function stableGzip(data: Uint8Array | string, level = 6): Uint8Array {
  const compressed = gzipSync(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { level });
  compressed[9] = 0xff;
  return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}

export async function writeLedger(outDir: string, product: LedgerProduct, inputs: LedgerInputs, completion: Completion): Promise<LedgerSummary> {
  const dir = join(outDir, LEDGER_DIR);
  const table = stableGzip(encodeLedgerTable(product.header, product.columns));
  await writeFileAtomic(join(dir, LEDGER_TABLE_FILE), table);
  const files: string[] = [];
  let textBytes = 0;
  for (let c = 0; c < product.text.length; c++) {
    const bytes = product.text[c]!;
    const name = ledgerTextFile(c);
    await writeFileAtomic(join(dir, name), bytes);
    files.push(`${LEDGER_DIR}/${name}`);
    textBytes += bytes.byteLength;
  }
  // Chunks of a larger earlier build would otherwise linger (harmless, but stale).
  const keep = new Set([LEDGER_TABLE_FILE, ...files.map((f) => f.slice(LEDGER_DIR.length + 1))]);
  for (const name of await readdir(dir)) if (!keep.has(name) && !name.startsWith('.')) await rm(join(dir, name), { force: true });

  // The index of other data sets built into sub-folders (usually none): the workspace's picker reads it.
  await writeDatasetIndex(outDir);

  const calendarDates = [...inputs.calendarDays.holidays, ...inputs.calendarDays.workdays].sort();
  return {
    table: { file: `${LEDGER_DIR}/${LEDGER_TABLE_FILE}`, bytes: table.byteLength, sha256: createHash('sha256').update(table).digest('hex'), rows: product.header.rows },
    text: { files, bytes: textBytes, rowsPerChunk: product.header.textRowsPerChunk },
    settings: product.header.settings,
    settingsFile: inputs.settingsFile,
    calendar: {
      file: inputs.calendarFile,
      holidays: inputs.calendarDays.holidays.length,
      workdays: inputs.calendarDays.workdays.length,
      lastDate: calendarDates.at(-1) ?? null,
    },
    firstReported: product.firstReported === null ? null : formatChinaTime(product.firstReported),
    lastReported: product.lastReported === null ? null : formatChinaTime(product.lastReported),
    rebounds: product.rebounds,
    places: product.places,
    computedDeadlines: completion.computedDeadlines,
    routedDepartments: completion.routedDepartments,
    redBlack: product.redBlack,
  };
}
