/**
 * Makes sure the demo tile archives exist before anything shows or tests the dashboard: a fresh
 * clone has no public/tiles/ (the archives are build output, git-ignored) and no
 * data/sample/problems.csv (too big to track), so `npm start` and `npm run test:browser` generate
 * the missing demo inputs and build the tiles from data/sample/ once, then reuse them.
 *
 * Run: `tsx scripts/ensure-demo.ts` (used by `npm run test:browser`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestModification } from './freshness';
import { DATASET_FILE_KEYS, MANIFEST_FILE, type DatasetConfig, type DatasetFileKey, type Manifest } from '../src/contract';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const DEMO_DEFAULTS = {
  // The generated demo sub-district (梧桐街道), committed with the repository.
  config: join(repoRoot, 'data', 'sample', 'guatu.config.json'),
  // Where the app fetches tiles from, both in `vite` dev and behind scripts/serve.ts.
  tilesDir: join(repoRoot, 'public', 'tiles'),
} as const;

export interface EnsureDemoOptions {
  config?: string;
  tilesDir?: string;
  /** No progress lines on stdout. */
  quiet?: boolean;
}

export type DemoTilesState = 'present' | 'built';

/**
 * What the demo tiles are built from: the pipeline's code, the contract and analysis it imports,
 * the demo's files and the OSM extract. Tiles older than any of these are rebuilt, so a pull that
 * changes the pipeline never shows yesterday's layers.
 */
export const DEMO_TILE_SOURCES = ['scripts', 'src/contract', 'src/analysis', 'data'].map((path) => join(repoRoot, path));
/** Code under scripts/ that is not the pipeline: editing it must not rebuild the tiles. */
const NOT_TILE_SOURCES = ['scripts/demo', 'scripts/serve.ts', 'scripts/start.ts', 'scripts/ensure-demo.ts', 'scripts/freshness.ts'].map((path) =>
  join(repoRoot, path),
);

/** Why tiles in `tilesDir` are older than their sources, or null when they are not. */
export function staleTiles(tilesDir: string, sources: readonly string[] = DEMO_TILE_SOURCES, skip: readonly string[] = NOT_TILE_SOURCES): string | null {
  const manifestPath = join(tilesDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return null;
  const built = statSync(manifestPath).mtimeMs;
  return newestModification(sources, skip) > built ? `${manifestPath} is older than the pipeline code or the demo data` : null;
}

/**
 * Why the tiles in `tilesDir` cannot be used as they are, or null when they can: no manifest, an
 * unreadable manifest, or an archive it lists that is gone (a half-cleaned folder would otherwise
 * show a dashboard with a missing layer).
 */
export function missingTiles(tilesDir: string): string | null {
  const manifestPath = join(tilesDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return `${manifestPath} does not exist`;
  let manifest: Pick<Manifest, 'archives'>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (error) {
    return `${manifestPath} is not readable JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!Array.isArray(manifest.archives)) return `${manifestPath} has no "archives" list`;
  const gone = manifest.archives.map((archive) => archive.file).filter((file) => !existsSync(join(tilesDir, file)));
  return gone.length > 0 ? `${manifestPath} lists ${gone.join(', ')}, which ${gone.length > 1 ? 'are' : 'is'} missing` : null;
}

/**
 * An input file the office can fix (the pipeline's InputFileError, OsmReadError) is told by its
 * message alone, which names file, row and field; a stack trace would bury it. Anything else is a
 * bug, told with its stack.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'InputFileError' || error.name === 'OsmReadError') return error.message;
  return error.stack ?? error.message;
}

/**
 * The demo's input files the config names but the folder lacks. Only a config marked `demo: true`
 * is ever regenerated: an office's own files are never made up.
 */
export function missingDemoInputs(configPath: string): DatasetFileKey[] {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as DatasetConfig;
  if (config.demo !== true) return [];
  const folder = dirname(configPath);
  return DATASET_FILE_KEYS.filter((key) => !existsSync(join(folder, config.files[key])));
}

/**
 * Restores the demo's missing input files from the seeded generator. The repository carries every
 * demo file but problems.csv (6 MB, over the 3 MB a tracked file may weigh); the generator is
 * deterministic, so the file it writes is the same bytes on every machine.
 */
export async function ensureDemoInputs(options: Pick<EnsureDemoOptions, 'config' | 'quiet'> = {}): Promise<DatasetFileKey[]> {
  const configPath = resolve(options.config ?? DEMO_DEFAULTS.config);
  const missing = missingDemoInputs(configPath);
  if (missing.length === 0) return [];
  const say = options.quiet ? () => {} : (line: string) => console.log(line);
  say(`正在生成演示数据 / Generating the demo's ${missing.join(', ')} …`);
  const { writeDemoFiles } = await import('./demo/generate');
  writeDemoFiles({ configPath, out: dirname(configPath), only: missing });
  return missing;
}

/** Builds the demo tiles into `tilesDir` unless a complete set is already there. */
export async function ensureDemoTiles(options: EnsureDemoOptions = {}): Promise<DemoTilesState> {
  const tilesDir = resolve(options.tilesDir ?? DEMO_DEFAULTS.tilesDir);
  const config = resolve(options.config ?? DEMO_DEFAULTS.config);
  // A custom config or tiles folder (tests) is judged by completeness alone.
  const judgeAge = options.tilesDir === undefined && options.config === undefined;
  const reason = missingTiles(tilesDir) ?? (judgeAge ? staleTiles(tilesDir) : null);
  if (reason === null) return 'present';

  const say = options.quiet ? () => {} : (line: string) => console.log(line);
  await ensureDemoInputs({ config, quiet: options.quiet });
  say(`正在生成演示数据瓦片 / Building the demo tiles (${reason}) …`);
  const started = performance.now();
  // Imported here, not at the top: when the tiles exist, start-up need not load the pipeline.
  const { buildData } = await import('./build-data');
  await buildData({ config, outDir: tilesDir, quiet: options.quiet ?? false });
  const after = missingTiles(tilesDir);
  if (after !== null) throw new Error(`ensure-demo: buildData finished but the tiles are incomplete: ${after}`);
  say(`演示数据瓦片已生成 / Demo tiles built in ${((performance.now() - started) / 1000).toFixed(1)} s → ${tilesDir}`);
  return 'built';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensureDemoTiles().catch((error: unknown) => {
    console.error(`演示数据瓦片生成失败 / Building the demo tiles failed:\n${describeFailure(error)}`);
    process.exit(1);
  });
}
