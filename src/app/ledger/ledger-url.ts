/**
 * The ledger workspace's view in the address: filters, as-of time, layer, tab, month, week and the
 * timeline's mode, so a bookmark, a wall-screen tour step or a briefing scene opens exactly this view
 * (src/app/url-state.ts). Every parameter starts with `l`; defaults are left out of the address.
 * Pure: tested in Node.
 */
import { PROBLEM_NATURES, PROBLEM_SOURCES, PROBLEM_STATUSES, type ProblemNature, type ProblemSource, type ProblemStatus } from '../../contract';
import { emptyFilter, type LedgerFilter } from '../../analysis/ledger/filters';

export const LEDGER_LAYERS = ['heat', 'clusters', 'hex', 'supervision'] as const;
export type LedgerLayer = (typeof LEDGER_LAYERS)[number];
export const LEDGER_TABS = ['figures', 'lists', 'plan', 'supervision', 'ledger'] as const;
export type LedgerTab = (typeof LEDGER_TABS)[number];
export const UNIT_LEVELS = ['communities', 'grids'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export const TIMELINE_UNITS = ['week', 'month'] as const;
export type TimelineUnit = (typeof TIMELINE_UNITS)[number];
export const TIMELINE_MODES = ['cumulative', 'moving'] as const;
export type TimelineMode = (typeof TIMELINE_MODES)[number];

export interface LedgerView {
  filter: LedgerFilter;
  /** Office-local `YYYY-MM-DDTHH:mm`; null = the data's as-of. */
  asOf: string | null;
  /** Rebound window in days; null = the dataset's setting. */
  reboundWindowDays: number | null;
  layer: LedgerLayer;
  /** Heat and hexbins weighted by count or by severity. */
  weight: 'count' | 'severity';
  /** Hexbins as 3D columns. */
  extrude: boolean;
  tab: LedgerTab;
  /** Red/black lists and unit tables: communities or grids. */
  units: UnitLevel;
  /** Red/black month `YYYY-MM`; null = the month of the as-of. */
  month: string | null;
  /** Any day of the weekly plan's week, `YYYY-MM-DD`; null = the week after the as-of. */
  week: string | null;
  timelineUnit: TimelineUnit;
  /** Cumulative: everything reported up to the as-of; moving: only the last week/month before it. */
  timelineMode: TimelineMode;
}

export function defaultView(): LedgerView {
  return {
    filter: emptyFilter(),
    asOf: null,
    reboundWindowDays: null,
    layer: 'heat',
    weight: 'count',
    extrude: false,
    tab: 'figures',
    units: 'communities',
    month: null,
    week: null,
    timelineUnit: 'month',
    timelineMode: 'cumulative',
  };
}

/** Parameter names, one place (a tour author reads them here). */
export const PARAM = {
  majors: 'lmaj',
  categories: 'lcat',
  statuses: 'lst',
  natures: 'lna',
  departments: 'ldep',
  sources: 'lsrc',
  from: 'lfrom',
  to: 'lto',
  community: 'lcom',
  grid: 'lgrid',
  asOf: 'lasof',
  reboundWindowDays: 'lrw',
  layer: 'llayer',
  weight: 'lwt',
  extrude: 'l3d',
  tab: 'ltab',
  units: 'lunit',
  month: 'lmonth',
  week: 'lweek',
  timelineUnit: 'ltl',
  timelineMode: 'ltm',
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const CODE = /^[0-9A-Za-z_-]{1,40}$/;

function list<T extends string>(value: string | null, allowed?: readonly T[]): T[] {
  if (!value) return [];
  const items = value.split(',').map((v) => v.trim()).filter((v) => v !== '' && CODE.test(v));
  return [...new Set(allowed ? items.filter((v): v is T => allowed.includes(v as T)) : (items as T[]))];
}

function one<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Reads the view from a query string; anything malformed falls back to the default. */
export function viewFromSearch(search: string): LedgerView {
  const q = new URLSearchParams(search);
  const d = defaultView();
  const match = (re: RegExp, v: string | null): string | null => (v !== null && re.test(v) ? v : null);
  const window = Number(q.get(PARAM.reboundWindowDays));
  return {
    filter: {
      majors: list(q.get(PARAM.majors)),
      categories: list(q.get(PARAM.categories)),
      statuses: list<ProblemStatus>(q.get(PARAM.statuses), PROBLEM_STATUSES),
      natures: list<ProblemNature>(q.get(PARAM.natures), PROBLEM_NATURES),
      departments: list(q.get(PARAM.departments)),
      sources: list<ProblemSource>(q.get(PARAM.sources), PROBLEM_SOURCES),
      from: match(DAY, q.get(PARAM.from)),
      to: match(DAY, q.get(PARAM.to)),
      community: match(CODE, q.get(PARAM.community)),
      grid: match(CODE, q.get(PARAM.grid)),
    },
    asOf: match(MINUTE, q.get(PARAM.asOf)),
    reboundWindowDays: Number.isInteger(window) && window >= 1 && window <= 365 ? window : null,
    layer: one(q.get(PARAM.layer), LEDGER_LAYERS, d.layer),
    weight: one(q.get(PARAM.weight), ['count', 'severity'] as const, d.weight),
    extrude: q.get(PARAM.extrude) === '1',
    tab: one(q.get(PARAM.tab), LEDGER_TABS, d.tab),
    units: one(q.get(PARAM.units), UNIT_LEVELS, d.units),
    month: match(MONTH, q.get(PARAM.month)),
    week: match(DAY, q.get(PARAM.week)),
    timelineUnit: one(q.get(PARAM.timelineUnit), TIMELINE_UNITS, d.timelineUnit),
    timelineMode: one(q.get(PARAM.timelineMode), TIMELINE_MODES, d.timelineMode),
  };
}

/** The address with the view written into it (defaults dropped, other parameters and the hash kept). */
export function urlWithView(href: string, view: LedgerView): string {
  const url = new URL(href);
  const q = url.searchParams;
  for (const name of Object.values(PARAM)) q.delete(name);
  const d = defaultView();
  const set = (name: string, value: string | null): void => {
    if (value !== null && value !== '') q.set(name, value);
  };
  const f = view.filter;
  set(PARAM.majors, f.majors.join(','));
  set(PARAM.categories, f.categories.join(','));
  set(PARAM.statuses, f.statuses.join(','));
  set(PARAM.natures, f.natures.join(','));
  set(PARAM.departments, f.departments.join(','));
  set(PARAM.sources, f.sources.join(','));
  set(PARAM.from, f.from);
  set(PARAM.to, f.to);
  set(PARAM.community, f.community);
  set(PARAM.grid, f.grid);
  set(PARAM.asOf, view.asOf);
  set(PARAM.reboundWindowDays, view.reboundWindowDays === null ? null : String(view.reboundWindowDays));
  if (view.layer !== d.layer) set(PARAM.layer, view.layer);
  if (view.weight !== d.weight) set(PARAM.weight, view.weight);
  if (view.extrude) set(PARAM.extrude, '1');
  if (view.tab !== d.tab) set(PARAM.tab, view.tab);
  if (view.units !== d.units) set(PARAM.units, view.units);
  set(PARAM.month, view.month);
  set(PARAM.week, view.week);
  if (view.timelineUnit !== d.timelineUnit) set(PARAM.timelineUnit, view.timelineUnit);
  if (view.timelineMode !== d.timelineMode) set(PARAM.timelineMode, view.timelineMode);
  // URLSearchParams writes commas as %2C; keep them readable (a comma needs no escaping in a query).
  url.search = q.toString().replaceAll('%2C', ',');
  return url.href;
}
