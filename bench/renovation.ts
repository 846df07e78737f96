/**
 * One measured run of the renovation coverage derivation, in a fresh process. Prints one JSON line:
 * { wallMs, maxRssMb, stages, counts }.
 *
 * Usage: tsx bench/renovation.ts sample|seeded
 *   sample: the demo sub-district (read, validated and normalised first, not timed);
 *   seeded: 5,000 compounds over 2,000 level-4 grids (bench/renovation-dataset.ts), made in memory.
 *
 * Timed (wallMs): the area split of compounds over grids (flatbush + convex clipping), and the
 * product (road and public-space splits, the problems-in-compound join, the figures at asOf and a
 * month before). Reported beside it (`browser`): what the workspace then does in the page — prepare
 * the model, one month's figures per timeline step, the progress chart's series.
 */
import { deriveRenovation } from '../scripts/pipeline/renovation/derive-renovation';
import { splitCompoundsOverGrids } from '../scripts/pipeline/renovation/compound-grids';
import { normaliseInputs } from '../scripts/pipeline/normalise';
import { readInputs } from '../scripts/pipeline/read';
import { RejectLedger, validateInputs, type ValidInputs } from '../scripts/pipeline/validate';
import type { DerivedData } from '../scripts/pipeline/derive';
import { coverageAt, instantOfMonth, monthRange, prepareModel, statusSeries } from '../src/analysis/renovation';
import { SAMPLE_CONFIG } from './datasets';
import { seededRenovationInputs } from './renovation-dataset';

const which = process.argv[2] ?? 'sample';
let input: ValidInputs;
if (which === 'sample') {
  const ledger = new RejectLedger();
  input = normaliseInputs(validateInputs(await readInputs(SAMPLE_CONFIG), ledger), ledger);
} else if (which === 'seeded') {
  input = seededRenovationInputs();
} else {
  throw new Error(`usage: tsx bench/renovation.ts sample|seeded (got "${which}")`);
}

const t0 = performance.now();
const compoundSplit = splitCompoundsOverGrids(input.compounds, input.gridsL4);
const t1 = performance.now();
const renovation = deriveRenovation(input, { asOf: input.asOf, compoundSplit } as DerivedData);
const t2 = performance.now();
// What the browser does: load the product once, then one month's figures per timeline step, and
// the progress chart's series over every month when the charts tab opens.
const model = prepareModel(renovation.product);
const t3 = performance.now();
const months = monthRange(renovation.product.firstMonth, renovation.product.lastMonth);
const perMonth = months.map((m) => {
  const start = performance.now();
  coverageAt(model, instantOfMonth(m, input.asOf));
  return performance.now() - start;
});
const t4 = performance.now();
statusSeries(model, months, -1, renovation.product.oldCompoundBefore);
const t5 = performance.now();
const sorted = [...perMonth].sort((a, b) => a - b);

console.log(
  JSON.stringify({
    wallMs: t2 - t0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    stages: { split: Math.round(t1 - t0), product: Math.round(t2 - t1) },
    browser: {
      prepareMs: Math.round((t3 - t2) * 10) / 10,
      monthMedianMs: Math.round(sorted[sorted.length >> 1]! * 10) / 10,
      monthMaxMs: Math.round(sorted[sorted.length - 1]! * 10) / 10,
      allMonthsMs: Math.round(t4 - t3),
      seriesMs: Math.round((t5 - t4) * 10) / 10,
    },
    counts: {
      compounds: input.compounds.length,
      grids: input.gridsL4.length,
      straddling: renovation.summary.straddlingCompounds,
      projects: input.projects.length,
      problems: input.problems.length,
      months: months.length,
      productBytes: Buffer.byteLength(JSON.stringify(renovation.product)),
    },
  }),
);
