/**
 * The problem ledger (台账): a seeded stream of cases over the months before the as-of instant,
 * laid on the demo world. Where: hotspots and the places each category happens (problem-places).
 * When: a seasonal, weekly and daily rhythm, with the evaluation months (迎检) and the month of
 * residents' forums and questionnaires (老街: 27 forums, 5,000 questionnaires in a month).
 * How far: the 受理 → 立案 → 派遣 → 处置 → 核查 → 结案 lifecycle with returns, laid out in time
 * and cut at the as-of instant, so old cases are closed, recent ones are open at every stage,
 * and some are overdue. Closed cases come back (反弹) at the same spot within 30 days.
 *
 * `problemRows` streams rows in ledger order (by report time), a day at a time, so a million
 * rows need no more memory than a day's worth; `writeProblemsCsv` streams them to a file.
 * A few deliberately bad rows (office mistakes) can be mixed in; each is noted with its reason.
 */
import type { Category, ProblemNature, ProblemSource, ProblemStatus } from '../../src/contract';
import { PROBLEM_SOURCES } from '../../src/contract';
import {
  DAY_MS,
  previousClosing,
  HOUR_MS,
  addWorkingDays,
  addWorkingHours,
  chinaDateKey,
  chinaParts,
  chinaTime,
  formatChinaTime,
  isOfficeTime,
  nextOpening,
  startOfChinaDay,
} from './calendar';
import { round6 } from './local-frame';
import type { XY } from './local-frame';
import type { Place, PlaceSampler } from './problem-places';
import { buildPlaceSampler } from './problem-places';
import type { CategoryProfile, PlaceKind } from './problem-profiles';
import { CATEGORY_PROFILES, SPOTS, WHENS, seasonFactor } from './problem-profiles';
import { apportion } from './regions';
import { Rng } from './random';
import { CATEGORIES } from './tables';
import { ChunkedFile, csvLines } from './write';
import type { DemoWorld } from './world';
import { buildDemoWorld } from './world';

export const PROBLEM_COLUMNS = [
  'id',
  'lon',
  'lat',
  'category_code',
  'status',
  'nature',
  'source',
  'department_code',
  'description',
  'address',
  'reported_at',
  'registered_at',
  'dispatched_at',
  'disposed_at',
  'verified_at',
  'closed_at',
  'deadline',
  'returns',
] as const;
export type ProblemColumn = (typeof PROBLEM_COLUMNS)[number];
export type ProblemRow = Record<ProblemColumn, string>;

export const PROBLEM_DEFAULTS = {
  asOf: '2026-11-20T17:00:00+08:00',
  /** Months of ledger before the as-of instant. */
  months: 24,
  /** Scales the categories' rebound rates (≈ 6% of the ledger ends up 反弹问题). */
  reboundScale: 0.55,
  /** Share of cases drawn from chronic hotspots (the same corner, the same market gate). */
  hotspotShare: 0.3,
  /** Bad rows per row when badRows is not given (≈ 0.06%: a dozen in 20,000). */
  badRowRate: 0.0006,
  /** Months of the city's evaluation visits (迎检): more inspection, evaluators' findings. */
  evaluationMonths: [5, 10],
  /** Month of the residents' forums and questionnaires. */
  forumMonth: 3,
  oldCompoundBefore: 2000,
};

export interface GenerateProblemsOptions {
  count: number;
  seed: number;
  /** A world already built (benchmarks reuse one); otherwise built from the OSM extract. */
  world?: DemoWorld;
  osmPath?: string;
  asOf?: string;
  months?: number;
  /** How many deliberately bad rows to mix in (default: count × 0.0006, rounded). */
  badRows?: number;
}

/** A bad row that the pipeline must reject, and why. */
export interface BadRowNote {
  id: string;
  /** Line in the CSV file (the header is line 1). */
  line: number;
  field: string;
  value: string;
  reason: string;
}

interface Hotspot {
  place: Place;
  intensity: number;
}

interface Draft {
  reportedMs: number;
  category: Category;
  profile: CategoryProfile;
  source: ProblemSource;
  place: Place;
  xy: XY;
  address: string;
  nature: ProblemNature;
  department: string;
  fromHotspot: boolean;
}

interface ScheduledRebound {
  dueMs: number;
  category: Category;
  place: Place;
  xy: XY;
  department: string;
}

/** All rows in memory (fine up to a few hundred thousand), and the notes on the bad ones. */
export function generateProblems(options: GenerateProblemsOptions): { rows: ProblemRow[]; badRows: BadRowNote[] } {
  const badRows: BadRowNote[] = [];
  const rows = [...problemRows(options, badRows)];
  return { rows, badRows };
}

/** Streams the ledger to a CSV file; returns counts, bytes and the notes on the bad rows. */
export function writeProblemsCsv(path: string, options: GenerateProblemsOptions): { rows: number; bytes: number; badRows: BadRowNote[] } {
  const badRows: BadRowNote[] = [];
  const file = new ChunkedFile(path);
  file.write(`${PROBLEM_COLUMNS.join(',')}\n`);
  let chunk: ProblemRow[] = [];
  let rows = 0;
  for (const row of problemRows(options, badRows)) {
    chunk.push(row);
    rows++;
    if (chunk.length === 5000) {
      file.write(`${csvLines(PROBLEM_COLUMNS, chunk)}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) file.write(`${csvLines(PROBLEM_COLUMNS, chunk)}\n`);
  file.close();
  return { rows, bytes: file.bytes, badRows };
}

export function* problemRows(options: GenerateProblemsOptions, badNotes: BadRowNote[] = []): Generator<ProblemRow> {
  const o = { ...PROBLEM_DEFAULTS, ...stripUndefined(options) };
  const count = Math.max(0, Math.floor(options.count));
  if (count === 0) return;
  const world = options.world ?? buildDemoWorld({ seed: options.seed, osmPath: options.osmPath });
  const rng = new Rng(options.seed).fork('problems');
  const asOfMs = parseAsOf(o.asOf);
  const asOf = chinaParts(asOfMs);
  const startMs = chinaTime(asOf.year, asOf.month - o.months, asOf.day);
  const places = buildPlaceSampler({
    geo: world.geo,
    streets: world.streets,
    compounds: world.compounds,
    merchants: world.merchants,
    lamps: world.lamps,
    land: world.land,
    oldBefore: o.oldCompoundBefore,
  });
  const categories = CATEGORIES.filter((c) => CATEGORY_PROFILES[c.code]);
  const hotspots = buildHotspots(categories, places, rng.fork('hotspots'));

  // Days and how many cases each gets: exactly `count` in all.
  const days: number[] = [];
  for (let d = startOfChinaDay(startMs); d <= asOfMs; d += DAY_MS) days.push(d);
  const dayWeights = days.map((d, i) => dayWeight(d, i / Math.max(1, days.length - 1), asOfMs, o));
  const quotas = apportion(count, dayWeights, 0);
  const idWidth = Math.max(4, String(Math.max(...quotas)).length);

  const badCount = Math.min(count, options.badRows ?? Math.round(count * o.badRowRate));
  const badAt = new Map<number, number>(); // row index → kind of mistake
  const badRng = rng.fork('bad-rows');
  while (badAt.size < badCount) {
    const row = badRng.int(1, count - 1);
    if (!badAt.has(row)) badAt.set(row, badAt.size % BAD_KINDS.length);
  }

  const rebounds = new MinHeap<ScheduledRebound>((a, b) => a.dueMs - b.dueMs);
  const weightCache = new Map<string, number[]>();
  let rowIndex = 0;
  let previousId = '';
  for (let di = 0; di < days.length; di++) {
    const dayStart = days[di] as number;
    const dayEnd = Math.min(dayStart + DAY_MS, asOfMs + 1);
    const quota = quotas[di] as number;
    const drafts: Draft[] = [];
    while (rebounds.size > 0 && (rebounds.peek() as ScheduledRebound).dueMs < dayEnd) {
      const r = rebounds.pop() as ScheduledRebound;
      if (drafts.length < quota && r.dueMs >= dayStart) drafts.push(reboundDraft(r, dayStart, dayEnd, places, rng));
    }
    const parts = chinaParts(dayStart + 12 * HOUR_MS);
    const sw = sourceWeights(parts.weekday, parts.month, o);
    const day: DayContext = {
      dayStart,
      dayEnd,
      asOfMs,
      sourceWeights: PROBLEM_SOURCES.map((src) => sw[src]),
      categoryWeights: (source) => categoryWeights(categories, parts.month, source, weightCache),
    };
    while (drafts.length < quota) drafts.push(freshDraft(day, categories, hotspots, places, o.hotspotShare, rng));
    drafts.sort((a, b) => a.reportedMs - b.reportedMs);

    for (let k = 0; k < drafts.length; k++) {
      const draft = drafts[k] as Draft;
      const life = lifecycle(draft, asOfMs, rng);
      if (life.closedMs !== null && life.closedMs + 3 * DAY_MS < asOfMs && rng.chance(draft.profile.rebound * o.reboundScale * (draft.fromHotspot ? 1.5 : 1))) {
        const due = life.closedMs + rng.range(3, 30) * DAY_MS;
        if (due < asOfMs) rebounds.push({ dueMs: due, category: draft.category, place: draft.place, xy: draft.xy, department: draft.department });
      }
      const lonLat = world.geo.frame.toLonLat(draft.xy);
      const row: ProblemRow = {
        id: `WT${chinaDateKey(dayStart)}${String(k + 1).padStart(idWidth, '0')}`,
        lon: round6(lonLat[0]).toFixed(6),
        lat: round6(lonLat[1]).toFixed(6),
        category_code: draft.category.code,
        status: life.status,
        nature: draft.nature,
        source: draft.source,
        department_code: draft.department,
        description: describe(draft, rng),
        address: draft.address,
        reported_at: formatChinaTime(draft.reportedMs),
        registered_at: fmt(life.registeredMs),
        dispatched_at: fmt(life.dispatchedMs),
        disposed_at: fmt(life.disposedMs),
        verified_at: fmt(life.verifiedMs),
        closed_at: fmt(life.closedMs),
        deadline: formatChinaTime(life.deadlineMs),
        returns: String(life.returns),
      };
      const kind = badAt.get(rowIndex);
      if (kind !== undefined) badNotes.push(spoil(row, kind, previousId, rowIndex + 2));
      previousId = row.id;
      rowIndex++;
      yield row;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// When

function dayWeight(dayStart: number, progress: number, asOfMs: number, o: typeof PROBLEM_DEFAULTS): number {
  const p = chinaParts(dayStart + 12 * HOUR_MS);
  const weekday = p.weekday === 0 ? 0.5 : p.weekday === 6 ? 0.6 : 1;
  // A little more found each month as the campaign's inspections intensify.
  const trend = 0.9 + 0.25 * progress;
  const campaign = o.evaluationMonths.includes(p.month) ? 1.35 : p.month === o.forumMonth ? 1.2 : 1;
  const season = 1 + 0.12 * Math.cos((2 * Math.PI * (p.month - 7)) / 12);
  const partial = Math.min(1, Math.max(0, (asOfMs - dayStart) / DAY_MS) * 1.3); // the as-of day is cut short
  return weekday * trend * campaign * season * partial;
}

function sourceWeights(weekday: number, month: number, o: typeof PROBLEM_DEFAULTS): Record<ProblemSource, number> {
  const weekend = weekday === 0 || weekday === 6;
  const evaluation = o.evaluationMonths.includes(month);
  const forum = month === o.forumMonth;
  return {
    inspection: 0.44 * (weekend ? 0.45 : 1) * (evaluation ? 1.4 : 1),
    hotline: 0.25 * (weekend ? 1.15 : 1),
    resident: 0.13 * (weekend ? 1.2 : 1),
    evaluation: evaluation && !weekend ? 0.3 : 0.015,
    forum: forum ? 0.12 : 0.008,
    questionnaire: forum ? 0.2 : 0.02,
  };
}

/** Hour-of-day profiles (0–23) by source: inspectors keep office hours, the hotline never sleeps. */
const HOURS: Record<ProblemSource | 'evening', number[]> = {
  inspection: [0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 9, 6, 1, 1, 5, 8, 7, 3, 1, 0, 0, 0, 0, 0],
  hotline: [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 8, 6, 4, 4, 6, 6, 6, 5, 5, 6, 6, 5, 3, 2],
  resident: [0, 0, 0, 0, 0, 0, 1, 3, 6, 7, 7, 5, 3, 3, 5, 6, 6, 5, 4, 4, 3, 2, 1, 0],
  evaluation: [0, 0, 0, 0, 0, 0, 0, 0, 5, 9, 9, 6, 0, 1, 6, 8, 6, 1, 0, 0, 0, 0, 0, 0],
  forum: [0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 1, 0, 0, 6, 8, 8, 4, 0, 2, 3, 1, 0, 0],
  questionnaire: [0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 8, 5, 0, 2, 7, 8, 7, 2, 0, 0, 0, 0, 0, 0],
  evening: [4, 2, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 8, 8, 7, 6],
};

function reportTime(dayStart: number, dayEnd: number, profile: CategoryProfile, source: ProblemSource, rng: Rng): number {
  const hours = profile.evening && (source === 'hotline' || source === 'resident') ? HOURS.evening : HOURS[source];
  for (let attempt = 0; attempt < 6; attempt++) {
    const hour = rng.weightedIndex(hours);
    const t = dayStart + hour * HOUR_MS + Math.floor(rng.next() * 3600) * 1000;
    if (t < dayEnd) return t;
  }
  return dayStart + Math.floor(rng.next() * ((dayEnd - dayStart) / 1000)) * 1000;
}

// ---------------------------------------------------------------------------------------------
// What and where

function buildHotspots(categories: readonly Category[], places: PlaceSampler, rng: Rng): Map<string, { spots: Hotspot[]; weights: number[] }> {
  const out = new Map<string, { spots: Hotspot[]; weights: number[] }>();
  for (const c of categories) {
    const profile = CATEGORY_PROFILES[c.code] as CategoryProfile;
    const n = Math.max(3, Math.round(profile.weight * 3));
    const spots: Hotspot[] = [];
    for (let i = 0; i < n; i++) {
      // Pareto-like intensity: a few chronic corners carry most of the repeat reports.
      spots.push({ place: places.sample(pickPlaceKind(profile, rng), rng), intensity: Math.min(30, 1 / Math.pow(1 - rng.next(), 0.8)) });
    }
    out.set(c.code, { spots, weights: spots.map((s) => s.intensity) });
  }
  return out;
}

function pickPlaceKind(profile: CategoryProfile, rng: Rng): PlaceKind {
  const kinds = Object.keys(profile.places) as PlaceKind[];
  return rng.weighted(
    kinds,
    kinds.map((k) => profile.places[k] ?? 0),
  );
}

interface DayContext {
  dayStart: number;
  dayEnd: number;
  asOfMs: number;
  /** Weights of PROBLEM_SOURCES on this day. */
  sourceWeights: number[];
  categoryWeights: (source: ProblemSource) => number[];
}

/** Category weights for a month and source, computed once per pair (the hot loop only picks). */
function categoryWeights(categories: readonly Category[], month: number, source: ProblemSource, cache: Map<string, number[]>): number[] {
  const key = `${month}|${source}`;
  let weights = cache.get(key);
  if (!weights) {
    weights = categories.map((c) => {
      const profile = CATEGORY_PROFILES[c.code] as CategoryProfile;
      return profile.weight * seasonFactor(profile.season, month) * (profile.sources?.[source] ?? 1);
    });
    cache.set(key, weights);
  }
  return weights;
}

function freshDraft(
  day: DayContext,
  categories: readonly Category[],
  hotspots: Map<string, { spots: Hotspot[]; weights: number[] }>,
  places: PlaceSampler,
  hotspotShare: number,
  rng: Rng,
): Draft {
  const source = PROBLEM_SOURCES[rng.weightedIndex(day.sourceWeights)] as ProblemSource;
  const category = categories[rng.weightedIndex(day.categoryWeights(source))] as Category;
  const profile = CATEGORY_PROFILES[category.code] as CategoryProfile;
  const reportedMs = Math.min(reportTime(day.dayStart, day.dayEnd, profile, source, rng), day.asOfMs);

  const hot = hotspots.get(category.code);
  let place: Place;
  let xy: XY;
  let fromHotspot = false;
  let intensity = 0;
  if (hot && rng.chance(hotspotShare)) {
    const spot = rng.weighted(hot.spots, hot.weights);
    place = spot.place;
    xy = places.near(place.xy, 4, rng);
    fromHotspot = true;
    intensity = spot.intensity;
  } else {
    place = places.sample(pickPlaceKind(profile, rng), rng);
    xy = place.xy;
  }
  // 顽固问题: the chronic corners, and cases that need more than one department.
  const nature: ProblemNature = (fromHotspot && intensity > 3 && rng.chance(0.55)) || rng.chance(0.03) ? 'stubborn' : 'prominent';
  let department = profile.departmentAt?.[place.kind] ?? category.default_department;
  if (profile.escalateTo && (nature === 'stubborn' ? rng.chance(0.35) : rng.chance(0.01))) department = profile.escalateTo;
  return { reportedMs, category, profile, source, place, xy, address: places.addressOf(place, rng), nature, department, fromHotspot };
}

function reboundDraft(r: ScheduledRebound, dayStart: number, dayEnd: number, places: PlaceSampler, rng: Rng): Draft {
  const profile = CATEGORY_PROFILES[r.category.code] as CategoryProfile;
  // Rebounds are mostly caught by inspectors and the city's evaluators (doubled deductions).
  const source = rng.weighted(['inspection', 'evaluation', 'hotline', 'resident'] as const, [0.55, 0.2, 0.15, 0.1]);
  const xy = places.near(r.xy, 3, rng);
  return {
    reportedMs: reportTime(dayStart, dayEnd, profile, source, rng),
    category: r.category,
    profile,
    source,
    place: r.place,
    xy,
    address: places.addressOf(r.place, rng),
    nature: 'rebound',
    department: r.department,
    fromHotspot: true,
  };
}

function describe(draft: Draft, rng: Rng): string {
  const template = rng.pick(draft.profile.templates);
  return template
    .replace('{addr}', draft.address)
    .replace('{spot}', rng.pick(SPOTS))
    .replace('{when}', rng.pick(WHENS))
    .replace('{n}', String(rng.int(2, 9)));
}

// ---------------------------------------------------------------------------------------------
// How far

interface Life {
  status: ProblemStatus;
  registeredMs: number | null;
  dispatchedMs: number | null;
  disposedMs: number | null;
  verifiedMs: number | null;
  closedMs: number | null;
  deadlineMs: number;
  returns: number;
}

/**
 * The deadline, in the category's unit (DOMAIN.md: garbage in hours, a lamp in a working day),
 * counted from `startMs`: the registration (立案), or the report while a case is not registered.
 */
export function deadlineFor(category: Category, startMs: number): number {
  switch (category.deadline_unit) {
    case 'hours':
      return startMs + category.deadline_value * HOUR_MS;
    case 'working_hours':
      return addWorkingHours(startMs, category.deadline_value);
    case 'working_days':
      return addWorkingDays(startMs, category.deadline_value);
  }
}

/** Moves a time into the grid centre's staffed hours (08:00–21:00, every day). */
function staffed(ms: number, rng: Rng): number {
  const h = chinaParts(ms).hour;
  if (h >= 8 && h < 21) return ms;
  const day = startOfChinaDay(ms) + (h >= 21 ? DAY_MS : 0);
  return day + 8 * HOUR_MS + Math.floor(rng.exponential(40) * 60) * 1000;
}

function lifecycle(d: Draft, asOfMs: number, rng: Rng): Life {
  const provisional = deadlineFor(d.category, d.reportedMs);
  const stubborn = d.nature === 'stubborn';
  const escalated = d.department !== d.category.default_department && d.department !== d.profile.departmentAt?.[d.place.kind];
  const workingUnit = d.category.deadline_unit !== 'hours';
  // Urgent categories (hours) move fast at every step; others wait their turn.
  const pace = Math.min(1, Math.max(HOUR_MS, provisional - d.reportedMs) / (8 * HOUR_MS));

  // 受理 → 立案: inspectors' reports are registered at once; residents' and forum items are checked first.
  const registerMedian = { inspection: 12, evaluation: 20, hotline: 60, resident: 480, forum: 1200, questionnaire: 2400 }[d.source];
  const registered = staffed(d.reportedMs + minutes(rng.logNormal(registerMedian * (0.3 + 0.7 * pace), 0.8)), rng);
  // The time limit runs from 立案 (registration); until then, from the report.
  const deadlineMs = registered <= asOfMs ? deadlineFor(d.category, registered) : provisional;
  const limit = Math.max(HOUR_MS, deadlineMs - registered);
  // A case whose owner is disputed (权属不清) can wait long for dispatch.
  const dispatched = rng.chance(0.01) ? registered + rng.range(3, 40) * DAY_MS : registered + minutes(rng.logNormal(10 + 80 * pace * pace, 0.9));
  // District bureaus sign for street cases slowly; a busy street department leaves some to the next day.
  const signMedian = escalated ? 2880 : workingUnit && rng.chance(0.05) ? 1440 : workingUnit ? 10 + 50 * pace : 10;
  const accepted = dispatched + minutes(rng.logNormal(signMedian, 0.9));
  // Some cases stall for weeks (a stubborn stall, a bureau's queue) before they are dealt with.
  const stalled = rng.chance(stubborn ? 0.12 : escalated ? 0.1 : 0.015);
  const median = (stubborn ? 0.75 : 0.42) * (escalated ? 1.3 : 1);
  const room = Math.max(0.25 * limit, deadlineMs - accepted);
  let disposed = stalled ? accepted + rng.logNormal(50, 0.9) * DAY_MS : accepted + minutes(5) + rng.logNormal(median, 0.5) * room;
  if (workingUnit && !isOfficeTime(disposed)) {
    // Work is done in office hours: the last closing before, if there was time, else the next opening.
    const before = previousClosing(disposed);
    disposed = before > accepted + minutes(20) ? Math.max(accepted + minutes(5), before - minutes(rng.range(5, 60))) : nextOpening(disposed) + minutes(rng.range(10, 90));
  }
  const verifyMedian = workingUnit ? 300 : 25;

  const r = rng.next();
  const returns = stubborn ? (r < 0.65 ? 0 : r < 0.87 ? 1 : r < 0.96 ? 2 : 3) : r < 0.91 ? 0 : r < 0.98 ? 1 : r < 0.996 ? 2 : 3;
  // Alternating disposals and verifications; all but the last verification send it back (返工).
  const events: { kind: 'disposed' | 'verified'; ms: number }[] = [];
  let t = disposed;
  for (let k = 0; k <= returns; k++) {
    if (k > 0) t = t + minutes(rng.logNormal(workingUnit ? 60 : 15, 0.7)) + rng.logNormal(0.1, 0.6) * limit;
    events.push({ kind: 'disposed', ms: t });
    t = staffed(t + minutes(rng.logNormal(verifyMedian, 0.9)), rng);
    events.push({ kind: 'verified', ms: t });
  }
  const closed = staffed(t + minutes(rng.logNormal(45, 0.8)), rng);

  const base = { deadlineMs, registeredMs: registered <= asOfMs ? registered : null, dispatchedMs: dispatched <= asOfMs ? dispatched : null };
  if (closed <= asOfMs) {
    const lastDisposal = events[events.length - 2] as { ms: number };
    return { ...base, status: 'closed', disposedMs: lastDisposal.ms, verifiedMs: t, closedMs: closed, returns };
  }
  const happened = events.filter((e) => e.ms <= asOfMs);
  const failed = happened.filter((e) => e.kind === 'verified').length;
  const last = happened[happened.length - 1];
  if (last && last.kind === 'verified' && failed === returns + 1) {
    // Verified, not yet closed (销号 pending).
    const lastDisposal = happened[happened.length - 2] as { ms: number };
    return { ...base, status: 'verifying', disposedMs: lastDisposal.ms, verifiedMs: last.ms, closedMs: null, returns };
  }
  if (last && last.kind === 'disposed') {
    return { ...base, status: 'verifying', disposedMs: last.ms, verifiedMs: null, closedMs: null, returns: failed };
  }
  if (last && last.kind === 'verified') return { ...base, status: 'disposing', disposedMs: null, verifiedMs: null, closedMs: null, returns: failed };
  const status: ProblemStatus = accepted <= asOfMs ? 'disposing' : dispatched <= asOfMs ? 'dispatched' : registered <= asOfMs ? 'registered' : 'reported';
  return { ...base, status, disposedMs: null, verifiedMs: null, closedMs: null, returns: 0 };
}

/** Whole seconds of m minutes, in ms. */
function minutes(m: number): number {
  return Math.round(m * 60) * 1000;
}

function fmt(ms: number | null): string {
  return ms === null ? '' : formatChinaTime(ms);
}

// ---------------------------------------------------------------------------------------------
// Office mistakes

/** The mistakes a ledger clerk makes; each must land in the pipeline's rejects report. */
const BAD_KINDS: ((row: ProblemRow, previousId: string) => { field: string; reason: string })[] = [
  (row) => {
    row.lon = '';
    row.lat = '';
    return { field: 'lon', reason: 'no coordinates: lon and lat are empty (the point was never picked on the map)' };
  },
  (row) => {
    const [lon, lat] = [row.lon, row.lat];
    row.lon = lat;
    row.lat = lon;
    return { field: 'lat', reason: `lon and lat swapped: latitude ${lon} is outside −90…90` };
  },
  (row) => {
    row.category_code = '07003';
    return { field: 'category_code', reason: 'category 07003 is not in the category table (there is no major class 07)' };
  },
  (row) => {
    row.reported_at = `${row.reported_at.slice(0, 4)}-02-30${row.reported_at.slice(10)}`;
    return { field: 'reported_at', reason: `${row.reported_at.slice(0, 10)} is not a real date (February has no 30th)` };
  },
  (row) => {
    const reported = Date.parse(row.reported_at);
    row.status = 'closed';
    row.closed_at = formatChinaTime(reported - 2 * DAY_MS);
    return { field: 'closed_at', reason: 'closed two days before it was reported' };
  },
  (row, previousId) => {
    row.id = previousId;
    return { field: 'id', reason: `duplicate id: the row above has the same id ${previousId} (pasted twice, then edited)` };
  },
  (row) => {
    row.lon = '118.937215';
    row.lat = '32.101540';
    return { field: 'lon', reason: 'point 118.937215, 32.101540 is about 15 km east of the sub-district (another street’s case)' };
  },
  (row) => {
    const stripped = String(Number(row.category_code));
    row.category_code = stripped.length < 5 ? stripped : '3001';
    return { field: 'category_code', reason: `category "${row.category_code}" has lost its leading zero (Excel number format); expected 5 digits` };
  },
  (row) => {
    row.lat = '';
    return { field: 'lat', reason: 'latitude is empty' };
  },
  (row) => {
    const year = Number(row.reported_at.slice(0, 4));
    if (row.closed_at === '') {
      row.status = 'closed';
      row.closed_at = row.reported_at;
    }
    row.closed_at = `${year - 1}${row.closed_at.slice(4)}`;
    return { field: 'closed_at', reason: `closed_at ${row.closed_at.slice(0, 10)} is a year before the report (year typed wrong)` };
  },
  (row) => {
    row.registered_at = row.registered_at === '' ? row.reported_at : row.registered_at;
    row.registered_at = `${row.registered_at.slice(0, 5)}11-31${row.registered_at.slice(10)}`;
    return { field: 'registered_at', reason: `${row.registered_at.slice(0, 10)} is not a real date (November has 30 days)` };
  },
  (row) => {
    row.status = 'closed';
    row.closed_at = '';
    return { field: 'closed_at', reason: 'status is closed (结案) but closed_at is empty' };
  },
];

function spoil(row: ProblemRow, kind: number, previousId: string, line: number): BadRowNote {
  const { field, reason } = (BAD_KINDS[kind] as (typeof BAD_KINDS)[number])(row, previousId);
  return { id: row.id, line, field, value: row[field as ProblemColumn], reason };
}

// ---------------------------------------------------------------------------------------------

function parseAsOf(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+08:00$/.exec(text);
  if (!m) throw new Error(`generateProblems: asOf "${text}" must look like 2026-11-20T17:00:00+08:00`);
  return chinaTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(a[i] as T, a[parent] as T) >= 0) break;
      [a[i], a[parent]] = [a[parent] as T, a[i] as T];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as T;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] as T, a[m] as T) < 0) m = l;
        if (r < a.length && this.less(a[r] as T, a[m] as T) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as T, a[i] as T];
        i = m;
      }
    }
    return top;
  }
}
