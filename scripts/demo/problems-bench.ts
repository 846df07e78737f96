/**
 * Times the problem generator at benchmark sizes, streaming to a CSV file:
 *   npx tsx scripts/demo/problems-bench.ts [--count 1000000] [--seed 1] [--out /tmp/problems.csv]
 * Prints the world build time, generation time, rows per second, file size and peak memory.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProblemsCsv } from './problems';
import { buildDemoWorld } from './world';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const count = Number(arg('count', '1000000'));
const seed = Number(arg('seed', '1'));
const out = arg('out', join(tmpdir(), `guatu-problems-${count}.csv`));
if (!Number.isInteger(count) || count < 0) throw new Error(`--count expects a whole number, got "${arg('count', '')}"`);

let t = performance.now();
const world = buildDemoWorld({ seed });
const worldMs = performance.now() - t;
t = performance.now();
const result = writeProblemsCsv(out, { count, seed, world });
const genMs = performance.now() - t;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`rows ${result.rows}  bad ${result.badRows.length}  → ${out}`);
console.log(`world ${(worldMs / 1000).toFixed(1)} s, problems ${(genMs / 1000).toFixed(1)} s (${Math.round(result.rows / (genMs / 1000))} rows/s)`);
console.log(`file ${(result.bytes / 1024 / 1024).toFixed(1)} MB, peak RSS ${peakMb.toFixed(0)} MB, heap now ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
