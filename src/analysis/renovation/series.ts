/**
 * What the workspace's charts plot, for the sub-district or one community:
 * - old compounds by status, month by month (the stacked progress chart);
 * - budget and funds received by batch year (planned vs received);
 * - each item in started projects: compounds reached and quantity, grouped by class.
 * Pure: built on coverageAt, so a chart can never disagree with the figures beside it.
 */
import type { CompoundStatus, ItemClass } from '../../contract';
import { COMPOUND_STATUS_KEYS, type CellCoverage, type CoverageAt, type RenovationModel } from './coverage';
import { rankAt, statusOfRank } from './status';
import { instantOfMonth } from './months';

/** The sub-district (-1) or a community (its index in product.communities). */
export type ChartScope = number;

export function cellOf(at: CoverageAt, scope: ChartScope): CellCoverage {
  return scope >= 0 ? (at.communities[scope] ?? at.subDistrict) : at.subDistrict;
}

export interface StatusSeries {
  months: string[];
  /** Old compounds per status, one number per month. */
  counts: Record<CompoundStatus, number[]>;
}

/**
 * Counted straight from the compounds' reach times rather than by a full coverageAt per month, so
 * the 83 months of the chart cost about as much as one month's figures (same definitions: a
 * compound counts in the community of the grid holding most of its area).
 */
export function statusSeries(model: RenovationModel, months: readonly string[], scope: ChartScope, cutoff: number): StatusSeries {
  const counts = Object.fromEntries(COMPOUND_STATUS_KEYS.map((s) => [s, new Array<number>(months.length).fill(0)])) as Record<CompoundStatus, number[]>;
  const target = scope >= 0 ? 1 + scope : 0;
  const instants = months.map((m) => instantOfMonth(m, model.product.asOf));
  model.product.compounds.forEach((c, i) => {
    if (c.built_year >= cutoff || !model.countTargets[i]!.includes(target)) return;
    const reach = model.compoundReach[i]!;
    instants.forEach((t, k) => counts[statusOfRank(rankAt(reach, t))][k]!++);
  });
  return { months: [...months], counts };
}

export interface BatchFunds {
  year: number;
  budgetWan: number;
  fundsWan: number;
}

/**
 * Budget and funds received per batch year, as recorded at asOf, for the projects (or their part)
 * in the scope. A project's money splits over compounds by households, then over grids by area.
 */
export function fundsByBatch(model: RenovationModel, scope: ChartScope): BatchFunds[] {
  const { product } = model;
  const byYear = new Map<number, BatchFunds>();
  product.projects.forEach((p, pi) => {
    let k = 0;
    if (scope < 0) k = 1;
    else {
      for (const [ci, share] of model.projectCompoundShares[pi]!) {
        for (const [g, w] of product.compounds[ci]!.shares) if (product.grids[g]?.community === scope) k += share * w;
      }
    }
    if (k === 0) return;
    const row = byYear.get(p.batch_year) ?? { year: p.batch_year, budgetWan: 0, fundsWan: 0 };
    row.budgetWan += p.budget_wan * k;
    row.fundsWan += p.funds_received_wan * k;
    byYear.set(p.batch_year, row);
  });
  return [...byYear.values()].sort((a, b) => a.year - b.year).map((r) => ({ ...r, budgetWan: round1(r.budgetWan), fundsWan: round1(r.fundsWan) }));
}

export interface ItemBar {
  code: string;
  name: string;
  class: ItemClass;
  unit: string;
  compounds: number;
  quantity: number;
}

/** Items of started projects in the scope at the instant, by class then by compounds reached. */
export function itemBars(model: RenovationModel, at: CoverageAt, scope: ChartScope): ItemBar[] {
  const cell = cellOf(at, scope);
  const classOrder: Record<ItemClass, number> = { basic: 0, improve: 1, upgrade: 2 };
  return model.product.items
    .map((item, i) => ({ ...item, compounds: cell.itemCompounds[i]!, quantity: Math.round(cell.itemQuantity[i]!) }))
    .filter((b) => b.compounds > 0)
    .sort((a, b) => classOrder[a.class] - classOrder[b.class] || b.compounds - a.compounds || a.code.localeCompare(b.code));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
