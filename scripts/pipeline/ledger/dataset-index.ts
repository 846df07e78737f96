/**
 * `npx tsx scripts/pipeline/ledger/dataset-index.ts [public/tiles]`
 *
 * Lists the data sets built into sub-folders of a tiles folder (`build:data -- --config
 * data/sf311/guatu.config.json --out public/tiles/sf311`) in `datasets.json` beside the main
 * manifest, so the ledger workspace can offer them (`?data=sf311`). Run it after building one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE, type Manifest } from '../../../src/contract';
import { writeFileAtomic } from '../../tiling/atomic-write';

export const DATASET_INDEX_FILE = 'datasets.json';

export interface DatasetEntry {
  /** The sub-folder, used as `?data=<id>`. */
  id: string;
  name: string;
  demo: boolean;
  /** Problems in its ledger. */
  problems: number;
  asOf: string;
}

export function datasetEntries(tilesDir: string): DatasetEntry[] {
  return readdirSync(tilesDir)
    .filter((name) => /^[a-z0-9][a-z0-9_-]{0,40}$/.test(name) && statSync(join(tilesDir, name)).isDirectory() && existsSync(join(tilesDir, name, MANIFEST_FILE)))
    .sort()
    .map((id) => {
      const m = JSON.parse(readFileSync(join(tilesDir, id, MANIFEST_FILE), 'utf8')) as Manifest;
      return { id, name: m.subDistrict.name, demo: m.demo, problems: m.ledger?.table.rows ?? m.headline.problemsTotal, asOf: m.asOf };
    });
}

export interface DatasetIndex {
  /** The data set in the tiles folder itself, when there is one. */
  main: { name: string; problems: number } | null;
  datasets: DatasetEntry[];
}

export async function writeDatasetIndex(tilesDir: string): Promise<DatasetEntry[]> {
  const entries = datasetEntries(tilesDir);
  const mainPath = join(tilesDir, MANIFEST_FILE);
  const main = existsSync(mainPath) ? (JSON.parse(readFileSync(mainPath, 'utf8')) as Manifest) : null;
  const index: DatasetIndex = { main: main ? { name: main.subDistrict.name, problems: main.ledger?.table.rows ?? main.headline.problemsTotal } : null, datasets: entries };
  await writeFileAtomic(join(tilesDir, DATASET_INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return entries;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'public/tiles');
  const entries = await writeDatasetIndex(dir);
  console.log(`${join(dir, DATASET_INDEX_FILE)}: ${entries.length} data set(s)${entries.map((e) => `\n  ?data=${e.id}  ${e.name} (${e.problems} problems)`).join('')}`);
}
