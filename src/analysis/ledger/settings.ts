/**
 * The ledger workspace's settings (LedgerSettings in src/contract/ledger.ts): the defaults, one
 * comment per key, and the reader that lays a dataset's settings file over them. A mistake in the
 * file names the key and what was expected.
 */
import type { LedgerSettings } from '../../contract';
import { CALENDAR_DEFAULTS } from './working-calendar';

export const LEDGER_DEFAULTS: LedgerSettings = {
  // DOMAIN.md "Metrics": 复发率 counts the same category in the same grid within 30 days of a closure.
  reboundWindowDays: 30,
  supervision: {
    // 柳湖's 黄单: a warning once 80% of the time limit is gone …
    yellowShareOfLimit: 0.8,
    // … or after one return from 核查 to 处置;
    yellowReturns: 1,
    // 红单 (accountability) at two returns, besides overdue and rebound problems.
    redReturns: 2,
  },
  score: {
    // The city's evaluation weighs back streets (背街小巷) and compounds without property management
    // (无物业小区) more; one and a half times is our reading of "more", an office sets its own.
    backStreetWeight: 1.5,
    noPropertyWeight: 1.5,
    // 反弹问题 cost repeated, doubled deductions (土坝孜).
    reboundFactor: 2,
    // Deductions per weighted problem per 1,000 households: a problem found costs a tenth of a
    // point, one still overdue when the month closes half a point (a busy community that finds
    // 150 problems a month and fixes them in time scores in the 80s; the score never goes below 0).
    perFound: 0.1,
    perOverdue: 0.5,
    // A block of shops with a handful of households is not scored as if each problem were enormous.
    householdFloor: 500,
  },
  // 柳湖: each month the top 5 are praised (红榜), the bottom 3 criticised (黑榜).
  lists: { red: 5, black: 3 },
  backStreet: {
    // OSM highway values of lanes and alleys (巷, 弄, 里): residential lanes, living streets,
    // pedestrian lanes and service alleys.
    highways: ['residential', 'living_street', 'pedestrian', 'service', 'footway', 'alley'],
    // A problem within 25 m of such a lane …
    nearM: 25,
    // … and more than 30 m from any main street is on a back street.
    mainRoadClearM: 30,
    mainHighways: ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link', 'tertiary_link'],
  },
  office: {
    utcOffsetMinutes: CALENDAR_DEFAULTS.utcOffsetMinutes,
    windows: CALENDAR_DEFAULTS.windows,
  },
};

export class LedgerSettingsError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${file}: "${key}" ${detail}`);
    this.name = 'LedgerSettingsError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The defaults with `raw` (parsed JSON, any subset of LedgerSettings) laid over them. Unknown keys
 * are refused too: a misspelt weight that silently does nothing is the worst kind of setting. Keys
 * starting with `$` ("$comment") are notes and ignored.
 */
export function resolveLedgerSettings(raw: unknown, file: string): LedgerSettings {
  if (raw === undefined || raw === null) return structuredClone(LEDGER_DEFAULTS);
  if (!isObj(raw)) throw new LedgerSettingsError(file, '(root)', 'must be a JSON object');
  return merge(LEDGER_DEFAULTS, raw, '', file) as LedgerSettings;
}

function merge(defaults: unknown, raw: unknown, path: string, file: string): unknown {
  if (raw === undefined) return structuredClone(defaults);
  const key = path === '' ? '(root)' : path;
  if (typeof defaults === 'number') {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new LedgerSettingsError(file, key, `must be a number; got ${JSON.stringify(raw)}`);
    if (raw < 0 && !path.endsWith('utcOffsetMinutes')) throw new LedgerSettingsError(file, key, `must not be negative; got ${raw}`);
    if (path.endsWith('yellowShareOfLimit') && raw > 1) throw new LedgerSettingsError(file, key, `is a share of the time limit, 0–1; got ${raw}`);
    return raw;
  }
  if (Array.isArray(defaults)) {
    if (!Array.isArray(raw)) throw new LedgerSettingsError(file, key, `must be a list; got ${JSON.stringify(raw)}`);
    const sample = defaults[0];
    if (typeof sample === 'string' && !raw.every((v) => typeof v === 'string')) throw new LedgerSettingsError(file, key, 'must be a list of strings');
    if (Array.isArray(sample) && !raw.every((v) => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number'))) {
      throw new LedgerSettingsError(file, key, 'must be a list of [start, end] hour pairs such as [8.5, 12]');
    }
    return structuredClone(raw);
  }
  if (isObj(defaults)) {
    if (!isObj(raw)) throw new LedgerSettingsError(file, key, `must be an object; got ${JSON.stringify(raw)}`);
    // "$comment" (or any "$" key) is a note for people reading the file.
    const unknown = Object.keys(raw).find((k) => !(k in defaults) && !k.startsWith('$'));
    if (unknown !== undefined) {
      const at = path === '' ? unknown : `${path}.${unknown}`;
      throw new LedgerSettingsError(file, at, `is not a ledger setting; expected one of ${Object.keys(defaults).join(', ')}`);
    }
    return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, merge(v, raw[k], path === '' ? k : `${path}.${k}`, file)]));
  }
  return structuredClone(defaults);
}
