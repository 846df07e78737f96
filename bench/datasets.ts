/**
 * Seeded benchmark datasets: the demo sub-district with its problem ledger replaced by N
 * generated problems (same world, same streets, same tables). Written once under .tmp/bench/
 * and reused while the generator's output for that seed would not change.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetConfig } from '../src/contract';
import { writeProblemsCsv } from '../scripts/demo/problems';
import { buildDemoWorld } from '../scripts/demo/world';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_CONFIG = join(REPO_ROOT, 'data', 'sample', 'guatu.config.json');
export const BENCH_SEED = 7;

/** A copy of data/sample whose problems.csv holds `count` seeded problems; returns its config path. */
export function problemsDataset(count: number, workDir = join(REPO_ROOT, '.tmp', 'bench')): string {
  const dir = join(workDir, `problems-${count}-seed${BENCH_SEED}`);
  const configPath = join(dir, 'guatu.config.json');
  const done = join(dir, '.complete');
  if (existsSync(done)) return configPath;

  mkdirSync(dir, { recursive: true });
  const sampleDir = join(REPO_ROOT, 'data', 'sample');
  const config = JSON.parse(readFileSync(SAMPLE_CONFIG, 'utf8')) as DatasetConfig;
  for (const name of readdirSync(sampleDir)) {
    if (name !== config.files.problems && name !== 'guatu.config.json') copyFileSync(join(sampleDir, name), join(dir, name));
  }
  // The copied config points at the same OSM extract, by absolute path now.
  const osm = resolve(sampleDir, config.basemap?.osm ?? '../osm/nanjing-central.osm.xml');
  // The working calendar lives outside data/sample (data/calendar/): absolute, like the OSM extract.
  const ledger = config.ledger?.calendar ? { ...config.ledger, calendar: resolve(sampleDir, config.ledger.calendar) } : config.ledger;
  writeFileSync(configPath, `${JSON.stringify({ ...config, basemap: { ...config.basemap, osm }, ...(ledger ? { ledger } : {}) }, null, 2)}\n`);
  const world = buildDemoWorld({ seed: BENCH_SEED, osmPath: osm, subDistrictCode: config.subDistrict.code });
  writeProblemsCsv(join(dir, config.files.problems), { count, seed: BENCH_SEED, world, asOf: config.asOf });
  writeFileSync(done, new Date().toISOString());
  return configPath;
}
