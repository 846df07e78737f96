/**
 * `npm run build:data [-- --config path/to/guatu.config.json] [--out public/tiles]`
 *
 * The preprocessing pipeline: read → validate → normalise → derive → tile → write. Each stage is
 * one module in scripts/pipeline/; this file only sequences them and reports. A fatal input error
 * stops before anything is written, so the previous tiles stay in place.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bbox as turfBbox } from '@turf/turf';
import { ARCHIVES, type ArchiveName, type ArchiveSummary, type LedgerSummary, type Manifest } from '../src/contract';
import { formatChinaTime } from '../src/analysis/datetime';
import { deriveFigures } from './pipeline/derive';
import { InputFileError, type Reject } from './pipeline/errors';
import { normaliseInputs } from './pipeline/normalise';
import { readInputs } from './pipeline/read';
import { StageLog, type StageTiming } from './pipeline/stage-log';
import { buildArchiveLayers, problemLayers, tileArchive, tilePointArchive, type ArchiveTiles } from './pipeline/tile';
import { RejectLedger, validateInputs } from './pipeline/validate';
import { deriveRenovation } from './pipeline/renovation/derive-renovation';
import { deriveLighting } from './pipeline/lighting/derive-lighting';
import { writeRenovationProduct } from './pipeline/renovation/write-renovation';
import { importSummary, writeWarnings } from './pipeline/topology/import-report';
import { topologyWarnings } from './pipeline/topology/topology-warnings';
import { writeArchive, writeManifest, writeRejects } from './pipeline/write';
import { deriveLedger } from './pipeline/ledger/derive-ledger';
import { ledgerInputs } from './pipeline/ledger/ledger-inputs';
import { writeLedger } from './pipeline/ledger/write-ledger';

export const DEFAULT_CONFIG = 'data/sample/guatu.config.json';
export const DEFAULT_OUT_DIR = 'public/tiles';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

export interface BuildOptions {
  config: string;
  outDir: string;
  quiet?: boolean;
}

export interface BuildReport {
  manifest: Manifest;
  rejects: Reject[];
  timings: StageTiming[];
}

export async function buildData(options: BuildOptions): Promise<BuildReport> {
  const log = new StageLog(options.quiet);
  const outDir = resolve(options.outDir);
  log.print(`Guatu build:data  ${options.config} → ${outDir}`);

  const raw = await log.runAsync('read', () => readInputs(options.config), (r) => `${r.lamps.features.length} lamps, ${r.compounds.features.length} compounds, ${r.osm.ways.length} OSM ways`);
  const ledger = new RejectLedger();
  // The problems ledger is read here, batch by batch into columns (formats/csv-batches.ts, problems/problem-table.ts).
  const valid = log.run('validate', () => validateInputs(raw, ledger), (v) => `${v.problems.length} problems kept, ${ledger.rejects.length} rows rejected`);
  const normal = log.run('normalise', () => normaliseInputs(valid, ledger), () => `CRS ${valid.config.crs} → WGS84, ${ledger.rejects.length} rows rejected in all`);
  const warnings = log.run('topology', () => topologyWarnings(normal, raw, valid.config.checks.topologyToleranceM2), (w) => `${w.length} warnings`);
  const derived = log.run('derive', () => deriveFigures(normal), (d) => `${d.cells.size} cells, ${d.headline.problemsOpen} open problems, ${d.outsideGrids.problems} problems in no grid`);
  const renovation = log.run('renovation', () => deriveRenovation(normal, derived), (r) => `${r.product.compounds.length} compounds (${r.summary.straddlingCompounds} straddle grids), ${r.product.projects.length} projects, ${r.summary.atAsOf.gapCompounds} old compounds not reached`);

  const lighting = log.run('lighting', () => deriveLighting(raw, normal, derived, ledger), (l) => l.logLine);
  const ledgerIn = ledgerInputs(options.config, valid.config);
  const problemLedger = log.run('ledger', () => deriveLedger(normal, derived, ledgerIn, normal.ledgerCompletion), (l) => l.logLine);

  const bounds = turfBbox(normal.boundary.geometry) as [number, number, number, number];
  const center: [number, number] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];
  const archives = await log.runAsync(
    'tile',
    async () => {
      // The problems archive is points only: the point tiler, not geojson-vt (tiling/point-tiles.ts).
      // Its PointTable copies every value the tiles need, and nothing reads the problem rows after
      // it (the ledger's text is already gzipped): let them go before anything else is built.
      const problems = problemLayers(normal, derived);
      normal.problems.clear();
      const layers = buildArchiveLayers(normal, derived, bounds, renovation);
      layers.lamps.push(...lighting.tileLayers);
      const list: ArchiveTiles[] = [];
      for (const name of Object.keys(ARCHIVES) as ArchiveName[]) {
        // The problems' tiles wait beside the archives until written (tiling/tile-spill.ts).
        list.push(name === 'problems' ? await tilePointArchive(name, problems, center, outDir) : tileArchive(name, layers[name], center));
      }
      return list;
    },
    (list: ArchiveTiles[]) => list.map((a) => `${a.name} ${a.tiles.length}`).join(', ') + ' tiles',
  );

  const attribution = [OSM_ATTRIBUTION, ...(valid.config.demo ? ['演示数据 Guatu demo data'] : [])];
  let renovationFile: Awaited<ReturnType<typeof writeRenovationProduct>> | null = null;
  let ledgerSummary: LedgerSummary | null = null;
  const summaries = await log.runAsync(
    'write',
    async () => {
      const written: ArchiveSummary[] = [];
      try {
        for (const archive of archives) written.push(await writeArchive(outDir, archive, bounds, center, attribution));
      } finally {
        // The problems' tiles wait in a temporary file (tiling/tile-spill.ts): gone even when a write fails.
        for (const archive of archives) archive.release?.();
      }
      await writeRejects(outDir, ledger.rejects);
      renovationFile = await writeRenovationProduct(outDir, renovation.product);
      await writeWarnings(outDir, warnings);
      ledgerSummary = await writeLedger(outDir, problemLedger, ledgerIn, normal.ledgerCompletion);
      return written;
    },
    (list) => `${(list.reduce((n, a) => n + a.bytes, 0) / 1e6).toFixed(1)} MB in ${list.length} archives`,
  );

  const manifest: Manifest = {
    schemaVersion: 1,
    builtAt: new Date().toISOString(),
    asOf: formatChinaTime(derived.asOf),
    demo: valid.config.demo,
    subDistrict: valid.config.subDistrict,
    bounds,
    center,
    attribution,
    archives: summaries,
    inputs: ledger.counts,
    headline: { ...derived.headline, ...lighting.headline, ...problemLedger.headline },
    gridMetricBreaks: derived.gridMetricBreaks,
    categories: normal.categories.map(({ code, name, major_code, major_name }) => ({ code, name, major_code, major_name })),
    departments: normal.departments.map(({ code, name }) => ({ code, name })),
    communities: normal.communities.map(({ value }) => ({ code: value.code, name: value.name })),
    import: importSummary(raw.imported, warnings),
    renovation: { ...renovationFile!, ...renovation.summary },
    lighting: lighting.summary,
    ledger: ledgerSummary!,
  };
  // The renovation figures a month before asOf, beside those other features put there.
  manifest.headline.previousMonth = { ...manifest.headline.previousMonth, ...renovation.previousMonthHeadline };
  manifest.headline.previousMonth = { ...manifest.headline.previousMonth, ...problemLedger.previousMonth };
  await writeManifest(outDir, manifest);

  log.print('');
  log.print('  layer              read     kept  rejected');
  for (const [layer, c] of Object.entries(ledger.counts)) {
    log.print(`  ${layer.padEnd(16)} ${String(c.read).padStart(6)} ${String(c.kept).padStart(8)} ${String(c.rejected).padStart(9)}`);
  }
  if (ledger.rejects.length > 0) log.print(`  rejects report: ${resolve(outDir, 'rejects.csv')}`);
  if (warnings.length > 0) log.print(`  ${warnings.length} topology warnings: ${resolve(outDir, 'warnings.csv')}`);
  return { manifest, rejects: ledger.rejects, timings: log.timings };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  try {
    await buildData({ config: argValue(args, '--config') ?? DEFAULT_CONFIG, outDir: argValue(args, '--out') ?? DEFAULT_OUT_DIR });
  } catch (err) {
    if (err instanceof InputFileError || (err as Error).name === 'OsmReadError') {
      // An office's mistake, not a bug: the message says what to fix; a stack trace would bury it.
      console.error(`\n构建失败 Build failed: ${(err as Error).message}\nThe previous tiles were left unchanged.`);
      process.exit(1);
    }
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
