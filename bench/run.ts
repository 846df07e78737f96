/**
 * `npm run bench [-- --only build-data] [--runs 3] [--scale 10k,100k,1m]`
 *
 * Each measurement runs in a fresh child process, so its peak RSS is its own, and is repeated
 * `runs` times; the table shows the median. Results go to bench/output/<suite>.json and a
 * Markdown table to stdout, to paste into docs/BENCHMARKS.md with the machine line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { problemsDataset, REPO_ROOT, SAMPLE_CONFIG } from './datasets';

interface Sample {
  wallMs: number;
  maxRssMb: number;
  stages?: Record<string, number>;
}

interface Row {
  suite: string;
  case: string;
  scale: string;
  runs: Sample[];
}

const SCALES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const runs = Number(option('runs', '3'));
const only = option('only', '');
const scales = option('scale', '10k,100k,1m').split(',').filter((s) => s in SCALES);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a bench script in a fresh Node process and parses the one JSON line it prints. */
function measure(script: string, args: string[]): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Sample;
}

function buildDataSuite(): Row[] {
  const rows: Row[] = [];
  const cases: [string, string, string][] = [['sample (20k problems)', '20k', SAMPLE_CONFIG]];
  for (const scale of scales) {
    const count = SCALES[scale]!;
    process.stderr.write(`bench: preparing ${scale} problems dataset …\n`);
    cases.push([`seeded ${scale} problems`, scale, problemsDataset(count)]);
  }
  for (const [name, scale, config] of cases) {
    const row: Row = { suite: 'build-data', case: name, scale, runs: [] };
    for (let i = 0; i < runs; i++) {
      const out = mkdtempSync(join(tmpdir(), 'guatu-bench-'));
      try {
        row.runs.push(measure('build-once.ts', [config, out]));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
      process.stderr.write(`bench: build-data ${name} run ${i + 1}/${runs}: ${(row.runs.at(-1)!.wallMs / 1000).toFixed(2)} s\n`);
    }
    rows.push(row);
  }
  return rows;
}

/** Import (issue 7): GBK CSV and XLSX reading, GCJ-02 conversion, the CRS check (bench/import.ts). */
function importSuite(): Row[] {
  return scales.map((scale) => {
    const row: Row = { suite: 'import', case: 'GBK CSV + XLSX, GCJ-02 problems', scale, runs: [] };
    for (let i = 0; i < runs; i++) row.runs.push(measure('import.ts', [String(SCALES[scale])]));
    return row;
  });
}

/**
 * Street lighting (issue 5): the dark-segment derivation on the demo, on Cambridge, MA and on seeded
 * cities of 10k → 100k lamps (≈ half as many 50 m road segments), for the growth (bench/lighting.ts).
 */
function lightingSuite(): Row[] {
  const cases: [string, string, string][] = [
    ['demo sub-district', '2.6k lamps', 'sample'],
    ['Cambridge, MA', '6.1k lamps', 'cambridge'],
    ...[10_000, 25_000, 50_000, 100_000].map((n): [string, string, string] => ['seeded city', `${n / 1000}k lamps`, `seeded:${n}`]),
  ];
  return cases.map(([name, scale, arg]) => {
    const row: Row = { suite: 'lighting', case: name, scale, runs: [] };
    for (let i = 0; i < runs; i++) row.runs.push(measure('lighting.ts', [arg]));
    return row;
  });
}

/**
 * Renovation coverage (issue 4): the area split and the coverage product on the demo and on a seeded
 * office of 5,000 compounds over 2,000 level-4 grids (bench/renovation.ts).
 */
function renovationSuite(): Row[] {
  const cases: [string, string, string][] = [
    ['demo sub-district', '216 compounds / 100 grids', 'sample'],
    ['seeded office', '5,000 compounds / 2,000 grids', 'seeded'],
  ];
  return cases.map(([name, scale, arg]) => {
    const row: Row = { suite: 'renovation', case: name, scale, runs: [] };
    for (let i = 0; i < runs; i++) row.runs.push(measure('renovation.ts', [arg]));
    return row;
  });
}

/**
 * Wall screen soak (issue 6): 500 tour transitions in headless Chromium; JS heap and DOM nodes at
 * start and end (bench/wall-soak.ts, which fails on growth over 10%). Its own table goes first.
 */
function wallSoakSuite(): Row[] {
  const row: Row = { suite: 'wall-soak', case: '500 tour transitions, 1920×1080', scale: '500', runs: [] };
  for (let i = 0; i < runs; i++) row.runs.push(measure('wall-soak.ts', ['500']));
  type Soak = Sample & { start: { heapMb: number; domNodes: number }; end: { heapMb: number; domNodes: number }; msPerTransition: number };
  const soaks = row.runs as Soak[];
  const m = (f: (s: Soak) => number) => median(soaks.map(f)).toFixed(1);
  console.log(
    `\n| heap start (MB) | heap end (MB) | DOM nodes start | DOM nodes end | ms per transition |\n|---|---|---|---|---|\n| ${m((s) => s.start.heapMb)} | ${m((s) => s.end.heapMb)} | ${m((s) => s.start.domNodes)} | ${m((s) => s.end.domNodes)} | ${m((s) => s.msPerTransition)} |`,
  );
  return [row];
}

/**
 * The problem ledger (issue 3): the ledger stage's cost in the pipeline (read → derive → ledger,
 * no tiles), the worker's engine in Node, and the workspace in headless Chromium (first map idle,
 * filter → KPI panel, filter → repainted map) on the demo and seeded 100k / 1M ledgers
 * (bench/ledger.ts). The browser runs use the site in $GUATU_TEST_DIST (default dist/).
 */
function ledgerSuite(): Row[] {
  const work = mkdtempSync(join(tmpdir(), 'guatu-bench-ledger-'));
  const dist = process.env.GUATU_TEST_DIST ?? join(REPO_ROOT, 'dist');
  try {
    const base = join(work, 'demo');
    process.stderr.write('bench: ledger: building the demo tiles once …\n');
    measure('build-once.ts', [SAMPLE_CONFIG, base]);
    const cases: [string, string][] = [['20k', SAMPLE_CONFIG], ...scales.filter((s) => s !== '10k').map((s): [string, string] => [s, problemsDataset(SCALES[s]!)])];
    const rows: Row[] = [];
    for (const [scale, config] of cases) {
      const tiles = join(work, `tiles-${scale}`);
      const derive: Row = { suite: 'ledger', case: 'pipeline to the ledger files (no tiles)', scale, runs: [] };
      for (let i = 0; i < runs; i++) derive.runs.push(measure('ledger.ts', ['derive', config, tiles, '--base', base]));
      const engine: Row = { suite: 'ledger', case: 'worker engine in Node', scale, runs: [] };
      for (let i = 0; i < runs; i++) engine.runs.push(measure('ledger.ts', ['engine', tiles]));
      const worker: Row = { suite: 'ledger', case: 'built worker alone in headless Chromium', scale, runs: [] };
      for (let i = 0; i < runs; i++) worker.runs.push(measure('ledger.ts', ['worker', tiles, dist]));
      const browser: Row = { suite: 'ledger', case: 'headless Chromium (SwiftShader)', scale, runs: [] };
      for (let i = 0; i < runs; i++) browser.runs.push(measure('ledger.ts', ['browser', tiles, dist]));
      rows.push(derive, engine, worker, browser);
      process.stderr.write(`bench: ledger ${scale} done\n`);
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const SUITES: Record<string, () => Row[]> = { import: importSuite, 'build-data': buildDataSuite, lighting: lightingSuite, renovation: renovationSuite, 'wall-soak': wallSoakSuite, ledger: ledgerSuite };

function table(rows: readonly Row[]): string {
  const stageNames = [...new Set(rows.flatMap((r) => r.runs.flatMap((s) => Object.keys(s.stages ?? {}))))];
  const head = ['suite', 'case', 'scale', 'runs', 'median wall (s)', 'median peak RSS (MB)', ...stageNames.map((s) => `${s} (s)`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const stage = (name: string): string => (median(r.runs.map((s) => s.stages?.[name] ?? 0)) / 1000).toFixed(2);
    lines.push(
      `| ${[r.suite, r.case, r.scale, r.runs.length, (median(r.runs.map((s) => s.wallMs)) / 1000).toFixed(2), median(r.runs.map((s) => s.maxRssMb)).toFixed(0), ...stageNames.map(stage)].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function main(): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  mkdirSync(join(REPO_ROOT, 'bench', 'output'), { recursive: true });
  for (const [name, suite] of Object.entries(SUITES)) {
    if (only && only !== name) continue;
    const rows = suite();
    writeFileSync(join(REPO_ROOT, 'bench', 'output', `${name}.json`), `${JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2)}\n`);
    console.log(`\n### ${name}\n\nMachine: ${machine}\n\n${table(rows)}\n`);
  }
}

main();
