/**
 * Old-compound renovation projects (老旧小区改造), batch by batch since 2020. Only compounds built
 * before 2000 qualify (国办发〔2020〕23号); the oldest and those without property management
 * come first; most are reached by now, but not all, so planners have a gap to fill next year.
 * Small neighbouring compounds are often packaged into one project.
 *
 * A project's lifecycle planned → approved → under_construction → completed → accepted is laid
 * out in time and cut at the ledger's as-of instant, so later batches are less advanced and no
 * date lies in the future. Budgets follow the items and the compound size (Gongyi: 88 compounds
 * for 88.63 M yuan, ≈ 100 万 each); funds arrive as the work advances.
 */
import KDBush from 'kdbush';
import type { ProjectStatus, RenovationProject } from '../../src/contract';
import { DAY_MS, chinaTime } from './calendar';
import type { CompoundRecord } from './compounds';
import type { Rng } from './random';
import type { RenovationItemSpec } from './tables';
import { RENOVATION_ITEMS } from './tables';

export const PROJECT_DEFAULTS = {
  /** Projects per batch year (≈ 90 in all). */
  perBatch: { 2020: 8, 2021: 14, 2022: 15, 2023: 15, 2024: 14, 2025: 13, 2026: 11 } as Record<number, number>,
  /** Share of old compounds never reached by any batch (the planners' gap). */
  unreachedShare: 0.15,
  /** A small compound is packaged with old neighbours this close (metres, centroid to centroid). */
  packageRadiusM: 180,
  /** Compounds with fewer households than this are candidates for packaging. */
  packageBelowHouseholds: 120,
  oldBefore: 2000,
};

export interface ProjectRecord extends RenovationProject {
  /** Households the project benefits (惠及户数). */
  households: number;
}

export function planProjects(input: {
  compounds: readonly CompoundRecord[];
  asOfMs: number;
  rng: Rng;
  options?: Partial<typeof PROJECT_DEFAULTS>;
}): ProjectRecord[] {
  const o = { ...PROJECT_DEFAULTS, ...input.options };
  const { rng } = input;
  const old = input.compounds.filter((c) => c.built_year < o.oldBefore);
  const years = Object.keys(o.perBatch)
    .map(Number)
    .sort((a, b) => a - b);
  const wanted = years.reduce((s, y) => s + (o.perBatch[y] ?? 0), 0);

  // Priority: older, no property management, bigger first; noise so the order is not rigid.
  const pmRank = { none: 0, simple: 1, professional: 2 } as const;
  const priority = old
    .map((c) => ({ c, score: (c.built_year - 1960) / 10 + pmRank[c.property_management] * 1.2 - Math.log(1 + c.households) / 3 + rng.normal(0, 1.2) }))
    .sort((a, b) => a.score - b.score || a.c.id.localeCompare(b.c.id))
    .map((x) => x.c);
  const reachable = priority.slice(0, Math.round(priority.length * (1 - o.unreachedShare)));

  // Package small compounds with their nearest small old neighbours (2–3 per project).
  const index = new KDBush(Math.max(1, reachable.length));
  for (const c of reachable) index.add(c.centroid[0], c.centroid[1]);
  if (reachable.length === 0) index.add(0, 0);
  index.finish();
  const packaged = new Set<string>();
  const packages: CompoundRecord[][] = [];
  for (const c of reachable) {
    if (packaged.has(c.id)) continue;
    packaged.add(c.id);
    const group = [c];
    if (c.households < o.packageBelowHouseholds && rng.chance(0.6)) {
      const near = index
        .within(c.centroid[0], c.centroid[1], o.packageRadiusM)
        .map((i) => reachable[i] as CompoundRecord)
        .filter((n) => !packaged.has(n.id) && n.households < o.packageBelowHouseholds * 1.5)
        .sort((a, b) => dist(a, c) - dist(b, c) || a.id.localeCompare(b.id));
      for (const n of near.slice(0, rng.chance(0.4) ? 2 : 1)) {
        packaged.add(n.id);
        group.push(n);
      }
    }
    packages.push(group);
  }
  const used = packages.slice(0, wanted);

  const out: ProjectRecord[] = [];
  let p = 0;
  for (const year of years) {
    for (let k = 0; k < (o.perBatch[year] ?? 0) && p < used.length; k++, p++) {
      const group = used[p] as CompoundRecord[];
      out.push(project(group, year, k + 1, input.asOfMs, rng));
    }
  }
  return out;
}

function project(group: readonly CompoundRecord[], year: number, sequence: number, asOfMs: number, rng: Rng): ProjectRecord {
  const households = group.reduce((s, c) => s + c.households, 0);
  const buildings = group.reduce((s, c) => s + c.buildings, 0);
  const items = chooseItems(group, households, buildings, year, rng);
  const spec = new Map(RENOVATION_ITEMS.map((i) => [i.code, i]));
  const cost = items.reduce((s, it) => s + it.quantity * ((spec.get(it.code) as RenovationItemSpec).unitCostWan), 0);
  // Design, supervision and contingency on top of the works (≈ 8–15%).
  const budget = round1(cost * rng.range(1.08, 1.15));

  // The timeline, then what of it has happened by the as-of instant.
  // Listed in the year's plan in its first months, approved by mid-year, built over the winter.
  const planned = chinaTime(year, 1, 10, 9) + rng.int(0, 150) * DAY_MS;
  const approved = planned + rng.int(50, 170) * DAY_MS;
  const started = approved + rng.int(30, 140) * DAY_MS;
  const completed = started + Math.round((140 + Math.min(180, households * 0.6) + rng.int(0, 90)) * DAY_MS);
  // A few finished works wait long for acceptance (资料不全, 整改): the ledger's stragglers.
  const accepted = completed + (rng.chance(0.1) ? rng.int(300, 600) : rng.int(25, 110)) * DAY_MS;
  const steps: [ProjectStatus, number][] = [
    ['planned', planned],
    ['approved', approved],
    ['under_construction', started],
    ['completed', completed],
    ['accepted', accepted],
  ];
  let status: ProjectStatus = 'planned';
  for (const [s, t] of steps) if (t <= asOfMs) status = s;
  const at = (t: number): number | null => (t <= asOfMs ? t : null);
  const fundShare: Record<ProjectStatus, [number, number]> = {
    planned: [0, 0],
    approved: [0, 0.2],
    under_construction: [0.3, 0.7],
    completed: [0.7, 0.95],
    accepted: [0.92, 1],
  };
  const [lo, hi] = fundShare[status];
  const funds = status === 'accepted' && rng.chance(0.7) ? budget : round1(budget * rng.range(lo, hi));
  const names = group.map((c) => c.name);
  return {
    id: `GZ${year}-${String(sequence).padStart(2, '0')}`,
    name: names.length === 1 ? `${names[0]}老旧小区改造` : `${names[0]}等${names.length}个小区老旧小区改造`,
    compound_ids: group.map((c) => c.id),
    batch_year: year,
    status,
    planned_at: toIso(planned),
    approved_at: isoOrNull(at(approved)),
    started_at: isoOrNull(at(started)),
    completed_at: isoOrNull(at(completed)),
    accepted_at: isoOrNull(at(accepted)),
    items,
    budget_wan: budget,
    funds_received_wan: Math.min(budget, funds),
    households,
  };
}

/**
 * Items: every basic item a compound of that age needs, the improvements the seeds name
 * (charging piles against 飞线充电, bulletin boards, guard houses for simple property management,
 * the odd elevator), and an upgrade now and then. Quantities scale with households.
 */
function chooseItems(group: readonly CompoundRecord[], households: number, buildings: number, year: number, rng: Rng): { code: string; quantity: number }[] {
  const items: { code: string; quantity: number }[] = [];
  const noManagement = group.some((c) => c.property_management === 'none');
  const add = (code: string): void => {
    const spec = RENOVATION_ITEMS.find((i) => i.code === code) as RenovationItemSpec;
    const base = spec.perHousehold * households + spec.perCompound * (spec.perHousehold > 0 ? 0 : group.length);
    let quantity = Math.max(1, Math.round(base * rng.range(0.7, 1.3)));
    if (code === 'B10') quantity = Math.max(buildings, quantity);
    items.push({ code, quantity });
  };
  for (const code of ['B01', 'B02', 'B03', 'B05', 'B07', 'B08']) if (code === 'B01' || code === 'B02' || rng.chance(0.8)) add(code);
  for (const code of ['B04', 'B06', 'B09', 'B10']) if (rng.chance(0.45)) add(code);
  if (rng.chance(0.85)) add('I01'); // charging piles: the answer to 飞线充电
  if (rng.chance(0.7)) add('I04');
  if (noManagement && rng.chance(0.75)) add('I05'); // a guard house for simple property management
  for (const code of ['I03', 'I06', 'I07', 'I08', 'I09', 'I10']) if (rng.chance(0.5)) add(code);
  // Elevators came later and only where residents agreed (Gongyi's first retrofitted elevator).
  if (year >= 2021 && households >= 60 && rng.chance(0.15)) add('I02');
  for (const code of ['U01', 'U02', 'U03', 'U04', 'U05', 'U06']) if (rng.chance(0.12)) add(code);
  return items.sort((a, b) => a.code.localeCompare(b.code));
}

function toIso(ms: number): string {
  // Dates of a project are office dates: keep 09:00 local on the day.
  const d = new Date(ms + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}T09:00:00+08:00`;
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIso(ms);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function dist(a: CompoundRecord, b: CompoundRecord): number {
  return Math.hypot(a.centroid[0] - b.centroid[0], a.centroid[1] - b.centroid[1]);
}
