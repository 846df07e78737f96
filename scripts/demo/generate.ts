/**
 * `npm run generate:demo [-- --seed N] [--out dir]`: writes the demo sub-district 梧桐街道, a
 * fictitious overlay on the real streets and buildings of the OSM extract, as the files listed in
 * the dataset config (docs/DATA-FORMATS.md). Same seed, same bytes.
 *
 * The orchestrator only sequences the stages: world (ground, grids, compounds, merchants, lamps)
 * → grid register → renovation projects → road works → problem ledger → files.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetConfig, DatasetFileKey } from '../../src/contract';
import { DATASET_FILE_KEYS, OPTIONAL_DATASET_FILE_KEYS, type OptionalDatasetFileKey } from '../../src/contract';
import { chinaTime } from './calendar';
import { demoFileTexts } from './demo-files';
import { demoLightingTexts } from './lighting';
import { describeGrids } from './grid-records';
import type { BadRowNote } from './problems';
import { generateProblems } from './problems';
import { planProjects } from './projects';
import { Rng } from './random';
import { planRoadWorks } from './road-works';
import { planPublicSpaceWorks } from './public-space';
import { planDemonstrationSites } from './demonstration-sites';
import type { DemoWorld } from './world';
import { buildDemoWorld, DEFAULT_OSM_PATH } from './world';

export const DEMO_DEFAULTS = {
  seed: 20261120,
  /** ≈ 20,000 cases in 24 months: ~27 a day, what an inspected city-centre street logs. */
  problems: 20_000,
  /** A dozen office mistakes (≈ 0.06%) for the pipeline's rejects report. */
  badRows: 12,
  out: 'data/sample',
};

export interface DemoOptions {
  seed?: number;
  config: Pick<DatasetConfig, 'subDistrict' | 'asOf' | 'oldCompoundBefore'>;
  osmPath?: string;
  problems?: number;
  badRows?: number;
  /** A world already built (tests build one per file). */
  world?: DemoWorld;
}

export interface DemoResult {
  texts: Record<DatasetFileKey, string> & Partial<Record<OptionalDatasetFileKey, string>>;
  counts: Record<string, number>;
  badRows: BadRowNote[];
  darkStreets: string[];
  sparseStreets: string[];
  world: DemoWorld;
}

export function generateDemo(options: DemoOptions): DemoResult {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const asOf = options.config.asOf ?? '2026-11-20T17:00:00+08:00';
  const world = options.world ?? buildDemoWorld({ seed, osmPath: options.osmPath, subDistrictCode: options.config.subDistrict.code });
  const grids = describeGrids({ grids: world.grids, merchantsOfCell: world.merchantsOfCell, rng: newRng(seed, 'grid-register') });
  const projects = planProjects({
    compounds: world.compounds,
    asOfMs: asOfMs(asOf),
    rng: newRng(seed, 'projects'),
    options: { oldBefore: options.config.oldCompoundBefore },
  });
  const roadWorks = planRoadWorks({ geo: world.geo, rng: newRng(seed, 'road-works'), avoid: new Set(world.lamps.darkStreets), asOfMs: asOfMs(asOf) });
  const publicSpaceWorks = planPublicSpaceWorks({ world, rng: newRng(seed, 'public-space'), asOfMs: asOfMs(asOf) });
  const demonstrationSites = planDemonstrationSites({ world, projects, publicSpaceWorks, roadWorks, asOfMs: asOfMs(asOf), rng: newRng(seed, 'demonstration-sites') });
  const { rows, badRows } = generateProblems({
    count: options.problems ?? DEMO_DEFAULTS.problems,
    seed,
    world,
    asOf,
    badRows: options.badRows ?? DEMO_DEFAULTS.badRows,
  });
  const texts = demoFileTexts({
    subDistrict: options.config.subDistrict,
    boundary: world.geo.boundary,
    grids,
    compounds: world.compounds,
    projects,
    roadWorks,
    publicSpaceWorks,
    demonstrationSites,
    lamps: [...world.lamps.lamps, ...world.lamps.boundaryLamps],
    problems: rows,
    lightingTexts: demoLightingTexts(world.geo),
  });
  const counts = {
    areas: grids.areas.length,
    communities: grids.communities.length,
    gridsL4: grids.gridsL4.length,
    gridsL5: grids.gridsL5.length,
    compounds: world.compounds.length,
    oldCompounds: world.compounds.filter((c) => c.built_year < options.config.oldCompoundBefore).length,
    projects: projects.length,
    compoundsInProjects: new Set(projects.flatMap((p) => p.compound_ids)).size,
    roadWorks: roadWorks.length,
    publicSpaceWorks: publicSpaceWorks.length,
    demonstrationSites: demonstrationSites.length,
    lamps: world.lamps.lamps.length + world.lamps.boundaryLamps.length,
    problems: rows.length,
    badRows: badRows.length,
    households: grids.gridsL4.reduce((s, g) => s + g.households, 0),
    merchants: grids.gridsL4.reduce((s, g) => s + g.merchants, 0),
    areaKm2: Math.round(world.geo.areaM2 / 1e4) / 100,
  };
  return { texts, counts, badRows, darkStreets: world.lamps.darkStreets, sparseStreets: world.lamps.sparseStreets, world };
}

function newRng(seed: number, label: string): Rng {
  return new Rng(seed).fork(label);
}

function asOfMs(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/.exec(iso);
  if (!m) throw new Error(`guatu.config.json: asOf "${iso}" must look like 2026-11-20T17:00:00+08:00`);
  return chinaTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** `--seed N` and `--out dir`; anything else is refused with the usage line. */
export function parseDemoArgs(argv: readonly string[]): { seed: number; out: string } {
  let seed = DEMO_DEFAULTS.seed;
  let out = DEMO_DEFAULTS.out;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed expects a whole number ≥ 0, got "${argv[i]}"`);
    } else if (arg === '--out') {
      out = argv[++i] ?? out;
    } else {
      throw new Error(`unknown argument "${arg}"; usage: generate.ts [--seed N] [--out dir]`);
    }
  }
  return { seed, out };
}

export interface WriteDemoOptions {
  seed?: number;
  /** Folder the files go to. */
  out: string;
  /** The dataset config naming the files; its folder anchors the OSM path. */
  configPath: string;
  /** Write only these files (the others are left as they are); all when absent. */
  only?: readonly DatasetFileKey[];
}

export interface WrittenDemo {
  result: DemoResult;
  sizes: [string, number][];
}

/**
 * Generates the demo and writes its files. `only` lets `npm start` restore the one file the
 * repository does not carry (problems.csv, 6 MB) without touching the others: the generator is
 * deterministic, so the restored file is the same bytes it would have committed.
 */
export function writeDemoFiles(options: WriteDemoOptions): WrittenDemo {
  const config = JSON.parse(readFileSync(options.configPath, 'utf8')) as DatasetConfig;
  const osmPath = resolve(dirname(options.configPath), config.basemap?.osm ?? join('..', '..', DEFAULT_OSM_PATH));
  const result = generateDemo({ seed: options.seed, config, osmPath });
  mkdirSync(options.out, { recursive: true });
  const sizes: [string, number][] = [];
  for (const key of options.only ?? [...DATASET_FILE_KEYS, ...OPTIONAL_DATASET_FILE_KEYS]) {
    const name = config.files[key];
    const text = result.texts[key];
    if (name === undefined || text === undefined) continue; // an optional layer this config leaves out
    const bytes = Buffer.byteLength(text, 'utf8');
    // Temp file, then rename: a build reading data/sample never sees half a file.
    const target = join(options.out, name);
    writeFileSync(`${target}.tmp`, text);
    renameSync(`${target}.tmp`, target);
    sizes.push([name, bytes]);
  }
  return { result, sizes };
}

function main(): void {
  const started = performance.now();
  const { seed, out } = parseDemoArgs(process.argv.slice(2));
  // The config names the files; a fresh --out dir borrows the demo's config.
  const configPath = existsSync(join(out, 'guatu.config.json')) ? join(out, 'guatu.config.json') : join(DEMO_DEFAULTS.out, 'guatu.config.json');
  const { result, sizes } = writeDemoFiles({ seed, out, configPath });
  console.log(`梧桐街道 demo, seed ${seed} → ${out}/`);
  for (const [k, v] of Object.entries(result.counts)) console.log(`  ${k.padEnd(20)} ${v}`);
  console.log(`  dark streets        ${result.darkStreets.join('、')}; sparse: ${result.sparseStreets.join('、')}`);
  for (const [name, bytes] of sizes) console.log(`  ${name.padEnd(24)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
  console.log(`  total ${(sizes.reduce((s, [, b]) => s + b, 0) / 1024 / 1024).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  bad problem rows (must be rejected):`);
  for (const b of result.badRows) console.log(`    line ${b.line} ${b.id} ${b.field}="${b.value}": ${b.reason}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
