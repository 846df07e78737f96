/**
 * Reads tiles/manifest.json and checks the fields the app relies on, so a stale or hand-edited
 * manifest fails with a message naming the file and field instead of a blank map.
 */
import { GRID_METRICS, type Manifest } from '../contract';

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ManifestError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Validates parsed JSON as a Manifest. Throws ManifestError naming the first bad field. */
export function parseManifest(json: unknown, file: string): Manifest {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ManifestError(file, `field "${field}" is ${JSON.stringify(got) ?? String(got)}; expected ${expected}`);
  };
  if (!isObj(json)) return fail('(root)', 'an object', json);
  if (json.schemaVersion !== 1) fail('schemaVersion', '1', json.schemaVersion);
  if (typeof json.asOf !== 'string' || Number.isNaN(Date.parse(json.asOf))) fail('asOf', 'an ISO-8601 time', json.asOf);
  if (typeof json.demo !== 'boolean') fail('demo', 'true or false', json.demo);
  const sd = json.subDistrict;
  if (!isObj(sd) || typeof sd.name !== 'string' || typeof sd.code !== 'string') {
    fail('subDistrict', '{ code, name } strings', sd);
  }
  const b = json.bounds;
  if (!Array.isArray(b) || b.length !== 4 || !b.every(isFiniteNumber) || !((b[0] as number) < (b[2] as number) && (b[1] as number) < (b[3] as number))) {
    fail('bounds', '[west, south, east, north] with west < east and south < north', b);
  }
  const c = json.center;
  if (!Array.isArray(c) || c.length !== 2 || !c.every(isFiniteNumber)) fail('center', '[lon, lat]', c);
  if (!Array.isArray(json.attribution) || !json.attribution.every((a) => typeof a === 'string')) {
    fail('attribution', 'an array of strings', json.attribution);
  }
  if (!Array.isArray(json.archives)) fail('archives', 'an array', json.archives);
  const h = json.headline;
  if (!isObj(h)) return fail('headline', 'an object', h);
  for (const k of [
    'problemsTotal',
    'problemsOpen',
    'problemsOverdue',
    'closureRate',
    'compoundsOld',
    'compoundsRenovated',
    'compoundsUnderWay',
    'lampsInstalled',
    'lampsWorking',
    'darkLengthM',
    'problemsRed',
    'onTimeClosureRate',
  ]) {
    if (!isFiniteNumber(h[k])) fail(`headline.${k}`, 'a number', h[k]);
  }
  const breaks = json.gridMetricBreaks;
  if (!isObj(breaks)) return fail('gridMetricBreaks', 'an object', breaks);
  for (const m of GRID_METRICS) {
    const list = breaks[m];
    if (!Array.isArray(list) || !list.every(isFiniteNumber)) fail(`gridMetricBreaks.${m}`, 'an array of numbers', list);
  }
  for (const table of ['categories', 'departments', 'communities']) {
    const rows = json[table];
    if (!Array.isArray(rows) || !rows.every((r) => isObj(r) && typeof r.code === 'string' && typeof r.name === 'string')) {
      fail(table, 'an array of { code, name } rows', rows);
    }
  }
  return json as unknown as Manifest;
}

/** Fetches and validates the manifest. `no-cache` so a rebuilt data set shows on the next reload. */
export async function loadManifest(url: string, fetchFn: typeof fetch = fetch): Promise<Manifest> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-cache' });
  } catch (e) {
    throw new ManifestError(url, `could not be fetched (${(e as Error).message})`);
  }
  if (!response.ok) throw new ManifestError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  // A single-page-app server answers a missing file with its index page: say "missing", not "bad JSON".
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new ManifestError(url, 'is missing (the server answered with a web page, not JSON)');
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    throw new ManifestError(url, `is not valid JSON (${(e as Error).message})`);
  }
  return parseManifest(json, url);
}

