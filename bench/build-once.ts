/**
 * One measured run of the pipeline in a fresh process, so peak RSS is this build's alone.
 * Prints one JSON line: { wallMs, maxRssMb, stages }.
 * Usage: tsx bench/build-once.ts <config> <outDir>
 */
import { buildData } from '../scripts/build-data';

const [config, outDir] = process.argv.slice(2);
if (!config || !outDir) throw new Error('usage: tsx bench/build-once.ts <config> <outDir>');
const start = performance.now();
const report = await buildData({ config, outDir, quiet: true });
const wallMs = performance.now() - start;
// maxRSS is in kilobytes on Linux.
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ wallMs, maxRssMb, stages: Object.fromEntries(report.timings.map((t) => [t.stage, Math.round(t.ms)])) }));
