/**
 * Road renovation works (道路改造, 背街小巷整治): whole real streets inside the sub-district,
 * mostly back streets and branch roads (土坝孜's 2021 project repaved ~5,700 m for 8.4 M yuan),
 * each with its year, lifecycle status and budget.
 */
import type { ProjectStatus, RoadWork } from '../../src/contract';
import { DAY_MS, chinaTime } from './calendar';
import type { Geography } from './geography';
import type { LonLat } from './local-frame';
import { round6 } from './local-frame';
import type { Rng } from './random';
import type { Road, RoadGroup } from './roads';
import { UNNAMED_ROAD } from './roads';

export const ROAD_WORK_DEFAULTS = {
  count: 12,
  firstYear: 2021,
  lastYear: 2026,
  /** Shortest stretch worth a project, metres. */
  minLengthM: 150,
  /** 万元 per metre of road, by class (repaving, kerbs, drains, greening along it). */
  costPerMetreWan: { main: 0.4, branch: 0.25, back_street: 0.15 } satisfies Record<RoadGroup, number>,
  /** How often a class is chosen, relative. */
  classWeight: { main: 1, branch: 2, back_street: 4 } satisfies Record<RoadGroup, number>,
};

export interface RoadWorkRecord extends RoadWork {
  coordinates: LonLat[];
  lengthM: number;
  road: string;
}

export function planRoadWorks(input: {
  geo: Geography;
  rng: Rng;
  avoid?: ReadonlySet<string>;
  /** The ledger's as-of instant: no start or completion date lies after it. */
  asOfMs?: number;
  options?: Partial<typeof ROAD_WORK_DEFAULTS>;
}): RoadWorkRecord[] {
  const o = { ...ROAD_WORK_DEFAULTS, ...input.options };
  const { geo, rng } = input;
  // Its own stream (forking does not advance `rng`), so adding dates left every other draw as it was.
  const dateRng = rng.fork('dates');
  const byName = new Map<string, Road[]>();
  for (const road of geo.roads) {
    if (road.name === UNNAMED_ROAD || input.avoid?.has(road.name)) continue;
    if (!wayInside(road, geo)) continue;
    const list = byName.get(road.name) ?? [];
    list.push(road);
    byName.set(road.name, list);
  }
  const candidates: { name: string; group: RoadGroup; coords: LonLat[]; lengthM: number }[] = [];
  for (const name of [...byName.keys()].sort()) {
    const chain = longestChain(byName.get(name) as Road[]);
    const lengthM = lineLength(chain.coords, geo);
    if (lengthM >= o.minLengthM) candidates.push({ name, group: chain.group, coords: chain.coords, lengthM });
  }
  const chosen: typeof candidates = [];
  const pool = [...candidates];
  while (chosen.length < o.count && pool.length > 0) {
    const i = rng.weightedIndex(pool.map((c) => o.classWeight[c.group]));
    chosen.push(pool.splice(i, 1)[0] as (typeof candidates)[number]);
  }
  const years = chosen.map((_, i) => o.firstYear + Math.floor((i * (o.lastYear - o.firstYear + 1)) / Math.max(1, chosen.length)));
  return chosen
    .map((c, i) => ({ c, year: years[i] as number }))
    .sort((a, b) => a.year - b.year || a.c.name.localeCompare(b.c.name, 'zh'))
    .map(({ c, year }, i) => ({
      id: `DL${String(i + 1).padStart(2, '0')}`,
      name: c.group === 'back_street' ? `${c.name}背街小巷整治工程` : `${c.name}道路提升改造工程`,
      year,
      status: statusFor(year, o.lastYear, rng),
      budget_wan: Math.round(c.lengthM * o.costPerMetreWan[c.group] * rng.range(0.8, 1.25) * 10) / 10,
      coordinates: c.coords.map(([lon, lat]) => [round6(lon), round6(lat)] as LonLat),
      lengthM: Math.round(c.lengthM),
      road: c.name,
    }))
    .map((w) => ({ ...w, ...workDates(w.year, w.status, dateRng, input.asOfMs ?? Infinity) }));
}

/**
 * Start and completion dates that agree with the status: works start in the dry months of their
 * year (March–September) and take two to seven months; nothing after asOf.
 */
export function workDates(year: number, status: ProjectStatus, rng: Rng, asOfMs: number): { started_at: string | null; completed_at: string | null } {
  const rank = ['planned', 'approved', 'under_construction', 'completed', 'accepted'].indexOf(status);
  const started = Math.min(chinaTime(year, 3, 1, 9) + rng.int(0, 200) * DAY_MS, asOfMs - 60 * DAY_MS);
  const completed = Math.min(started + rng.int(60, 210) * DAY_MS, asOfMs - DAY_MS);
  return {
    started_at: rank >= 2 ? officeDate(started) : null,
    completed_at: rank >= 3 ? officeDate(completed) : null,
  };
}

/** An office date: 09:00 China time on the day. */
function officeDate(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}T09:00:00+08:00`;
}

/** Older works are done and accepted; this year's are still being planned or built. */
function statusFor(year: number, lastYear: number, rng: Rng): ProjectStatus {
  const age = lastYear - year;
  if (age >= 3) return 'accepted';
  if (age === 2) return rng.chance(0.8) ? 'accepted' : 'completed';
  if (age === 1) return rng.pick(['completed', 'under_construction', 'accepted'] as const);
  return rng.pick(['planned', 'approved', 'under_construction'] as const);
}

function wayInside(road: Road, geo: Geography): boolean {
  return road.coords.every((c) => geo.contains(geo.frame.toXY(c)) || nearInside(c, geo));
}

/** Boundary roads run along the outline: count a vertex within 2 m of the inside as inside. */
function nearInside(c: LonLat, geo: Geography): boolean {
  const p = geo.frame.toXY(c);
  for (const [dx, dy] of [
    [2, 0],
    [-2, 0],
    [0, 2],
    [0, -2],
  ] as const) {
    if (geo.contains([p[0] + dx, p[1] + dy])) return true;
  }
  return false;
}

/** Joins the ways of one street end to end (shared end nodes) and keeps the longest run. */
function longestChain(ways: readonly Road[]): { coords: LonLat[]; group: RoadGroup } {
  const used = new Set<number>();
  let best: { coords: LonLat[]; ids: number[]; group: RoadGroup } = { coords: [], ids: [], group: 'back_street' };
  ways.forEach((start, si) => {
    if (used.has(si)) return;
    used.add(si);
    let ids = [...start.nodeIds];
    let coords = [...start.coords];
    for (let grew = true; grew; ) {
      grew = false;
      ways.forEach((w, wi) => {
        if (used.has(wi)) return;
        const head = ids[0];
        const tail = ids[ids.length - 1];
        const first = w.nodeIds[0];
        const last = w.nodeIds[w.nodeIds.length - 1];
        if (first === tail) {
          ids = ids.concat(w.nodeIds.slice(1));
          coords = coords.concat(w.coords.slice(1));
        } else if (last === tail) {
          ids = ids.concat([...w.nodeIds].reverse().slice(1));
          coords = coords.concat([...w.coords].reverse().slice(1));
        } else if (last === head) {
          ids = w.nodeIds.slice(0, -1).concat(ids);
          coords = w.coords.slice(0, -1).concat(coords);
        } else if (first === head) {
          ids = [...w.nodeIds].reverse().slice(0, -1).concat(ids);
          coords = [...w.coords].reverse().slice(0, -1).concat(coords);
        } else return;
        used.add(wi);
        grew = true;
      });
    }
    if (coords.length > best.coords.length) best = { coords, ids, group: start.group };
  });
  return { coords: best.coords, group: best.group };
}

function lineLength(coords: readonly LonLat[], geo: Geography): number {
  let sum = 0;
  for (let i = 0; i + 1 < coords.length; i++) {
    const a = geo.frame.toXY(coords[i] as LonLat);
    const b = geo.frame.toXY(coords[i + 1] as LonLat);
    sum += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return sum;
}
