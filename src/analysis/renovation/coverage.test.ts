/**
 * Coverage figures against the hand-worked product of ./fixture.ts. Each expected number is worked
 * out in the comment beside it from the fixture's table, not from the code.
 */
import { describe, expect, it } from 'vitest';
import { coverageAt, emptyCell, headlineOf, prepareModel, ratesOf } from './coverage';
import { cst, handWorkedProduct } from './fixture';
import { instantOfMonth } from './months';
import { fundsByBatch, itemBars, statusSeries } from './series';

const product = handWorkedProduct();
const model = prepareModel(product);
/** End of December 2021, China time: P0 under construction, P2 completed, P1 and P3 not yet planned. */
const dec2021 = instantOfMonth('2021-12', product.asOf);
const asOf = product.asOf;

/** Shares like 1/3 make sums such as 299.99999999999994: compare to 10 decimals. */
function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 10));
}

describe('coverage at the end of 2021 (P0 under way, P2 done)', () => {
  const at = coverageAt(model, dec2021);
  const sub = at.subDistrict;

  it('gives each compound the status of its most advanced project by then', () => {
    // A, B: P0 started 2021-06; C: P1 planned only in 2022; D: P2 completed 2021-12-01; E, F: no project.
    expect(at.compoundStatus).toEqual(['under_construction', 'under_construction', 'none', 'completed', 'none', 'none']);
  });

  it('counts old compounds and their households by status', () => {
    // Old (before 2000): A B C E F = 5 compounds, 100+200+50+40+120 = 510 households.
    expect(sub.oldCompounds).toBe(5);
    expect(sub.oldHouseholds).toBe(510);
    // Under construction: A, B (300 hh). None: C, E, F (50+40+120 = 210 hh). D is not old.
    expect(sub.byStatus.under_construction).toEqual({ compounds: 2, households: 300 });
    expect(sub.byStatus.none).toEqual({ compounds: 3, households: 210 });
    expect(sub.byStatus.completed).toEqual({ compounds: 0, households: 0 });
  });

  it('computes 开工率 and 完工率 over the compounds in the plan, by compounds and by households', () => {
    // In the plan: A, B, D (380 hh). Started: the same 3. Finished: D (80 hh).
    expect([sub.planCompounds, sub.planHouseholds]).toEqual([3, 380]);
    expect([sub.startedCompounds, sub.startedHouseholds]).toEqual([3, 380]);
    expect([sub.finishedCompounds, sub.finishedHouseholds]).toEqual([1, 80]);
    const r = ratesOf(sub, at.fundsKnown);
    expect(r.startRate).toBe(1);
    expect(r.startRateHouseholds).toBe(1);
    expect(r.completionRate).toBeCloseTo(1 / 3, 10);
    expect(r.completionRateHouseholds).toBeCloseTo(80 / 380, 10);
  });

  it('computes 覆盖率 over old households and 惠及户数 over started compounds of any age', () => {
    // Old households reached by a started project: A + B = 300 of 510.
    expect(sub.oldStartedHouseholds).toBe(300);
    expect(ratesOf(sub, at.fundsKnown).coverage).toBeCloseTo(300 / 510, 10);
    // 惠及户数: A + B + D = 380 (D is new but its project has started).
    expect(headlineOf(at).benefitedHouseholds).toBe(380);
  });

  it('has no 资金到位率 before asOf: funds are only recorded at the as-of date', () => {
    // Budget of projects planned by then: P0 300 + P2 80 = 380; funds on record 240 + 80.
    expect(sub.budgetWan).toBeCloseTo(380, 10);
    expect(sub.fundsWan).toBeCloseTo(320, 10);
    expect(at.fundsKnown).toBe(false);
    expect(ratesOf(sub, at.fundsKnown).fundsRate).toBeNull();
  });

  it('counts the items of started projects, each compound once per item', () => {
    // P0 (A, B) and P2 (D) have started: B01 300, I01 30, U04 400; B01 and I01 in 2 compounds, U04 in 1.
    expectClose(sub.itemQuantity, [300, 30, 400]);
    expect(sub.itemCompounds).toEqual([2, 2, 1]);
  });

  it('counts works finished by then and sites opened by then', () => {
    // W0 finished 2022-06 (later), S0 2021-10 (before); sites open in 2022 and 2023.
    expect(sub.roadMetres).toBe(0);
    expect(sub.publicSpaceM2).toBe(1000);
    expect(sub.demonstrationSites).toBe(0);
  });

  it('splits the straddling compound B by area: 60% of its households in G0, 40% in G1, counted once in G0', () => {
    const [g0, g1, g2] = at.grids as [ReturnType<typeof emptyCell>, ReturnType<typeof emptyCell>, ReturnType<typeof emptyCell>];
    // G0: A (100) + 0.6 × B (120) = 220 households, both compounds counted here (B's majority grid).
    expect(g0.oldCompounds).toBe(2);
    expect(g0.oldHouseholds).toBeCloseTo(220, 10);
    expect(g0.byStatus.under_construction.compounds).toBe(2);
    expect(ratesOf(g0, false).coverage).toBeCloseTo(1, 10);
    // G1: F (120, none) + 0.4 × B (80, under construction): 1 compound, 200 households, coverage 80/200.
    expect(g1.oldCompounds).toBe(1);
    expect(g1.oldHouseholds).toBeCloseTo(200, 10);
    expect(g1.byStatus.none).toEqual({ compounds: 1, households: 120 });
    expect(g1.byStatus.under_construction.compounds).toBe(0);
    expect(g1.byStatus.under_construction.households).toBeCloseTo(80, 10);
    expect(ratesOf(g1, false).coverage).toBeCloseTo(0.4, 10);
    // G2: C (50, none) is old; D (80) is new but completed.
    expect([g2.oldCompounds, g2.oldHouseholds, g2.finishedCompounds, g2.finishedHouseholds]).toEqual([1, 50, 1, 80]);
    expect(ratesOf(g2, false).coverage).toBe(0);
  });

  it("splits a project's budget and items over its compounds by households, then over grids by area", () => {
    const [g0, g1] = at.grids as [ReturnType<typeof emptyCell>, ReturnType<typeof emptyCell>];
    // P0's 300 万: A gets 100/300 = 1/3 (100), B 2/3 (200) of which G0 0.6 (120), G1 0.4 (80).
    expect(g0.budgetWan).toBeCloseTo(220, 10);
    expect(g1.budgetWan).toBeCloseTo(80, 10);
    // P0's funds 240: G0 = 80 + 96 = 176.
    expect(g0.fundsWan).toBeCloseTo(176, 10);
    // B01 300 m: G0 100 + 120 = 220, G1 80. I01 30: G0 22, G1 8.
    expect(g0.itemQuantity[0]).toBeCloseTo(220, 10);
    expect(g1.itemQuantity[0]).toBeCloseTo(80, 10);
    expect(g0.itemQuantity[1]).toBeCloseTo(22, 10);
    // Compound counts follow the majority grid: both A and B count in G0, none in G1.
    expect(g0.itemCompounds).toEqual([2, 2, 0]);
    expect(g1.itemCompounds).toEqual([0, 0, 0]);
  });

  it('adds each community up from its grids, and the sub-district also holds what lies in no grid', () => {
    const [east, west] = at.communities as [ReturnType<typeof emptyCell>, ReturnType<typeof emptyCell>];
    // 东社区 = G0 + G1: A, B, F = 3 old compounds, 220 + 200 = 420 households, P0 budget 300.
    expect(east.oldCompounds).toBe(3);
    expect(east.oldHouseholds).toBeCloseTo(420, 10);
    expect(east.budgetWan).toBeCloseTo(300, 10);
    expect(east.publicSpaceM2).toBe(1000);
    // 西社区 = G2.
    expect([west.oldCompounds, west.oldHouseholds]).toEqual([1, 50]);
    // Communities hold 420 + 50 = 470; the sub-district 510: E's 40 households are in no grid.
    expect(sub.oldHouseholds - east.oldHouseholds - west.oldHouseholds).toBeCloseTo(40, 10);
  });
});

describe('coverage at asOf (mid-2023)', () => {
  const at = coverageAt(model, asOf);
  const sub = at.subDistrict;

  it('moves every compound on to its latest status', () => {
    // A: P0 completed 2022-03, P3 started 2023-04 → completed; B completed; C approved; D accepted.
    expect(at.compoundStatus).toEqual(['completed', 'completed', 'approved', 'accepted', 'none', 'none']);
  });

  it('computes the rates worked by hand', () => {
    // Plan: A B C D (430 hh); started and finished: A B D (380 hh).
    const r = ratesOf(sub, at.fundsKnown);
    expect(r.startRate).toBe(0.75);
    expect(r.completionRate).toBe(0.75);
    expect(r.startRateHouseholds).toBeCloseTo(380 / 430, 10);
    // Budget 300 + 50 + 80 + 60 = 490, funds 240 + 10 + 80 + 30 = 360.
    expect(at.fundsKnown).toBe(true);
    expect(r.fundsRate).toBeCloseTo(360 / 490, 10);
  });

  it('counts a compound once for an item two of its projects brought', () => {
    // Started: P0, P2, P3. I01: A (P0 and P3) and B = 2 compounds, 30 + 10 = 40 piles; U04: D and A.
    expectClose(sub.itemQuantity, [300, 40, 500]);
    expect(sub.itemCompounds).toEqual([2, 2, 2]);
  });

  it('counts finished road metres per grid and sites in no grid only in the sub-district', () => {
    expect(sub.roadMetres).toBe(500);
    expect(at.grids[0]!.roadMetres).toBe(300);
    expect(at.grids[2]!.roadMetres).toBe(200);
    expect(at.grids[1]!.roadMetres).toBe(0); // W1 is unfinished
    expect(sub.demonstrationSites).toBe(2);
    expect(at.grids[0]!.demonstrationSites).toBe(1);
    expect(at.communities[0]!.demonstrationSites).toBe(1);
  });

  it('writes the headline the manifest carries', () => {
    expect(headlineOf(at)).toEqual({
      oldCompounds: 5,
      oldHouseholds: 510,
      planCompounds: 4,
      startedCompounds: 3,
      finishedCompounds: 3,
      startRate: 0.75,
      startRateHouseholds: 0.8837, // 380 / 430
      completionRate: 0.75,
      completionRateHouseholds: 0.8837,
      benefitedHouseholds: 380,
      coverage: 0.5882, // 300 / 510
      fundsRate: 0.7347, // 360 / 490
      roadMetres: 500,
      publicSpaceM2: 1000,
      demonstrationSites: 2,
      gapCompounds: 2, // E and F
    });
  });

  it('follows the cut-off year: before 1992 only A, B and E are old', () => {
    const early = coverageAt(model, asOf, 1992).subDistrict;
    expect(early.oldCompounds).toBe(3);
    expect(early.oldHouseholds).toBe(340);
    expect(early.byStatus.none.compounds).toBe(1); // E
  });

  it('reports nothing before the first project', () => {
    const before = coverageAt(model, cst('2020-06-30')).subDistrict;
    expect([before.planCompounds, before.startedCompounds, before.budgetWan]).toEqual([0, 0, 0]);
    expect(ratesOf(before, false).startRate).toBeNull();
    expect(before.byStatus.none.compounds).toBe(5);
  });

  it('does not throw on an empty product', () => {
    const empty = { ...product, compounds: [], projects: [], grids: [], communities: [], roadWorks: [], publicSpaceWorks: [], demonstrationSites: [] };
    const at0 = coverageAt(prepareModel(empty), asOf);
    expect(at0.subDistrict).toEqual(emptyCell(3));
    expect(headlineOf(at0).coverage).toBeNull();
  });
});

describe('chart series', () => {
  it('stacks old compounds by status month by month', () => {
    const s = statusSeries(model, ['2021-05', '2021-06', '2022-03', '2022-05'], -1, 2000);
    // 2021-05: A, B planned/approved (P0 approved 03-01); 2021-06: started; 2022-03: completed; 2022-05: C approved.
    expect(s.counts.approved).toEqual([2, 0, 0, 1]);
    expect(s.counts.under_construction).toEqual([0, 2, 0, 0]);
    expect(s.counts.completed).toEqual([0, 0, 2, 2]);
    expect(s.counts.planned).toEqual([0, 0, 1, 0]); // C: P1 planned 2022-02-01
    expect(s.counts.none).toEqual([3, 3, 2, 2]);
  });

  it('sums budget and funds by batch year, for a community by its share', () => {
    // 2021: P0 300/240 + P2 80/80; 2022: P1 50/10; 2023: P3 60/30.
    expect(fundsByBatch(model, -1)).toEqual([
      { year: 2021, budgetWan: 380, fundsWan: 320 },
      { year: 2022, budgetWan: 50, fundsWan: 10 },
      { year: 2023, budgetWan: 60, fundsWan: 30 },
    ]);
    // 西社区 (G2) holds P1 (C) and P2 (D) wholly, none of P0 or P3.
    expect(fundsByBatch(model, 1)).toEqual([
      { year: 2021, budgetWan: 80, fundsWan: 80 },
      { year: 2022, budgetWan: 50, fundsWan: 10 },
    ]);
  });

  it('lists items by class, then by compounds reached', () => {
    const bars = itemBars(model, coverageAt(model, asOf), -1);
    expect(bars.map((b) => [b.code, b.class, b.compounds, b.quantity])).toEqual([
      ['B01', 'basic', 2, 300],
      ['I01', 'improve', 2, 40],
      ['U04', 'upgrade', 2, 500],
    ]);
  });
});

describe('the month-by-month series agrees with the figures', () => {
  it('counts the same old compounds by status as coverageAt, month by month, for the sub-district and a community', () => {
    const months = ['2020-12', '2021-05', '2021-06', '2021-12', '2022-03', '2022-05', '2023-04', '2023-06'];
    for (const scope of [-1, 0, 1]) {
      const series = statusSeries(model, months, scope, 2000);
      months.forEach((m, k) => {
        const at = coverageAt(model, instantOfMonth(m, product.asOf), 2000);
        const cell = scope >= 0 ? at.communities[scope]! : at.subDistrict;
        for (const s of ['none', 'planned', 'approved', 'under_construction', 'completed', 'accepted'] as const) {
          expect(series.counts[s][k], `${scope} ${m} ${s}`).toBe(cell.byStatus[s].compounds);
        }
      });
    }
  });
});
