/**
 * Fixtures for the wall-screen tests: a served copy of a tiles folder (so a test can rebuild it or
 * take an archive away without touching the shared one), and a copy of the demo office one week
 * later with markup in the description of its most overdue open problem, to rebuild the copy with.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import Papa from 'papaparse';
import type { DatasetConfig } from '../../src/contract';
import { XSS_PAYLOAD } from './xss-fixture';

export function copyTiles(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** Every string of a config that is a path leaving the office folder ("../osm/…") made absolute, since only the folder is copied. */
function absolutiseOutsidePaths(value: unknown, officeDir: string): unknown {
  if (typeof value === 'string') return value.startsWith('../') && !isAbsolute(value) ? resolve(officeDir, value) : value;
  if (Array.isArray(value)) return value.map((v) => absolutiseOutsidePaths(v, officeDir));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolutiseOutsidePaths(v, officeDir)]));
  return value;
}

export interface LaterOffice {
  configPath: string;
  asOf: string;
  /** Id of the problem whose description is the payload: the most overdue open one at `asOf`. */
  payloadProblemId: string;
}

export function writeLaterOffice(sampleConfigPath: string, targetDir: string, asOf: string): LaterOffice {
  const sampleDir = dirname(resolve(sampleConfigPath));
  cpSync(sampleDir, targetDir, { recursive: true });
  const configPath = join(targetDir, 'guatu.config.json');
  const config = absolutiseOutsidePaths(JSON.parse(readFileSync(configPath, 'utf8')), sampleDir) as DatasetConfig;
  config.asOf = asOf;
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  const problemsPath = join(targetDir, config.files.problems);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(problemsPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const fields = parsed.meta.fields ?? [];
  const at = Date.parse(asOf);
  let chosen: Record<string, string> | undefined;
  for (const row of parsed.data) {
    const deadline = Date.parse(row.deadline ?? '');
    if (row.status === 'closed' || !Number.isFinite(deadline) || deadline >= at) continue;
    if (!chosen || deadline < Date.parse(chosen.deadline ?? '')) chosen = row;
  }
  if (!chosen) throw new Error(`${problemsPath}: no open problem overdue at ${asOf} to plant the payload in`);
  chosen.description = XSS_PAYLOAD;
  writeFileSync(problemsPath, Papa.unparse({ fields, data: parsed.data.map((row) => fields.map((f) => row[f] ?? '')) }));
  return { configPath, asOf, payloadProblemId: String(chosen.id) };
}
