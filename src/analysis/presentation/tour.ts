/**
 * The wall screen's tour: a playlist of views joined by fly-to transitions, kept as JSON in
 * data/tour.json (format in docs/DATA-FORMATS.md). A step is one view; a step with
 * `"each": "community"` becomes one stop per community of the manifest, with `{name}` and `{code}`
 * filled into its title, caption and query. Pure: tested in Node.
 */
import { KPI_KEYS, type KpiKey } from './kpi';
import { JsonReader, type Obj } from './json-check';
import { readCamera, readSearch, type Camera } from './view';

/** Where a step looks: a fixed camera, or a fit to the sub-district's or the community's bounds. */
export type CameraSpec = Camera | { fit: 'subdistrict' | 'community'; bearing: number; pitch: number };

export interface TourStep {
  id: string;
  title: string;
  caption: string;
  search: string;
  camera: CameraSpec;
  dwellSeconds: number | null;
  each: 'community' | null;
  /** Wall tiles to highlight while the step shows. */
  highlight: KpiKey[];
}

export interface Tour {
  version: 1;
  /** Seconds a stop stays on screen after the flight, unless the step says otherwise. */
  dwellSeconds: number;
  /** Seconds of the fly-to between stops. */
  flySeconds: number;
  steps: TourStep[];
}

export const TOUR_LIMITS = {
  steps: 100,
  title: 80,
  caption: 400,
  /** A stop shorter than this cannot be read; longer than an hour is a mistake. */
  dwellSeconds: [1, 3600],
  flySeconds: [0, 60],
} as const;

export function parseTour(json: unknown, file: string): Tour {
  const r = new JsonReader(file);
  const root = r.object(json, '(root)');
  if (root.version !== 1) r.fail('version', root.version, '1');
  const dwellSeconds = r.number(root.dwellSeconds, 'dwellSeconds', ...TOUR_LIMITS.dwellSeconds);
  const flySeconds = r.number(root.flySeconds, 'flySeconds', ...TOUR_LIMITS.flySeconds);
  const rawSteps = r.array(root.steps, 'steps', TOUR_LIMITS.steps);
  if (rawSteps.length === 0) r.fail('steps', root.steps, 'at least one step');
  const ids = new Set<string>();
  const steps = rawSteps.map((raw, i) => {
    const path = `steps[${i}]`;
    const s: Obj = r.object(raw, path);
    const id = r.string(s.id, `${path}.id`, 40, { nonEmpty: true });
    if (ids.has(id)) r.fail(`${path}.id`, id, 'an id no other step has');
    ids.add(id);
    const each = s.each === undefined ? null : r.oneOf(s.each, `${path}.each`, ['community'] as const);
    const camera = readCameraSpec(r, s.camera, `${path}.camera`);
    if ('fit' in camera && camera.fit === 'community' && each !== 'community') {
      r.fail(`${path}.camera.fit`, camera.fit, '"subdistrict" (fitting a community needs "each": "community")');
    }
    const highlight = s.highlight === undefined ? [] : r.array(s.highlight, `${path}.highlight`, KPI_KEYS.length).map((k, j) => r.oneOf(k, `${path}.highlight[${j}]`, KPI_KEYS));
    return {
      id,
      title: r.string(s.title, `${path}.title`, TOUR_LIMITS.title, { nonEmpty: true }),
      caption: r.optionalString(s.caption, `${path}.caption`, TOUR_LIMITS.caption) ?? '',
      search: readSearch(r, s.search, `${path}.search`),
      camera,
      dwellSeconds: r.optionalNumber(s.dwellSeconds, `${path}.dwellSeconds`, ...TOUR_LIMITS.dwellSeconds) ?? null,
      each,
      highlight,
    };
  });
  return { version: 1, dwellSeconds, flySeconds, steps };
}

function readCameraSpec(r: JsonReader, value: unknown, path: string): CameraSpec {
  const c = r.object(value, path);
  if (c.fit === undefined) return readCamera(r, c, path);
  return {
    fit: r.oneOf(c.fit, `${path}.fit`, ['subdistrict', 'community'] as const),
    bearing: r.optionalNumber(c.bearing, `${path}.bearing`, -360, 360) ?? 0,
    pitch: r.optionalNumber(c.pitch, `${path}.pitch`, 0, 85) ?? 0,
  };
}

/** [west, south, east, north] */
export type Bounds = [number, number, number, number];

/** Where a stop looks, resolved: a camera, or bounds to fit. */
export type StopCamera = { kind: 'camera'; camera: Camera } | { kind: 'fit'; bounds: Bounds; bearing: number; pitch: number };

export interface TourStop {
  /** Step id, plus `:code` for a community's stop. */
  key: string;
  stepId: string;
  title: string;
  caption: string;
  search: string;
  camera: StopCamera;
  dwellMs: number;
  highlight: KpiKey[];
}

export interface TourPlace {
  code: string;
  name: string;
  /** Null when the place's outline is not known (its archive failed to load): its stop is left out. */
  bounds: Bounds | null;
}

/**
 * Fills `{name}` and `{code}`. In a query the values are URL-encoded, and the placeholders may
 * themselves be encoded (`%7Bcode%7D`), since the query was normalised on reading.
 */
function fill(template: string, place: TourPlace, encode: boolean): string {
  if (!encode) return template.replaceAll('{name}', place.name).replaceAll('{code}', place.code);
  return template
    .replace(/\{name\}|%7Bname%7D/gi, encodeURIComponent(place.name))
    .replace(/\{code\}|%7Bcode%7D/gi, encodeURIComponent(place.code));
}

/**
 * The tour as stops, in order: community steps expanded over `communities` (those with known
 * bounds). `overrides` lets the address shorten the timing (the soak benchmark, the tests).
 */
export function tourStops(
  tour: Tour,
  context: { subdistrictBounds: Bounds; communities: readonly TourPlace[] },
  overrides: { dwellSeconds?: number | null } = {},
): TourStop[] {
  const stops: TourStop[] = [];
  const dwellMs = (step: TourStep) => Math.round((overrides.dwellSeconds ?? step.dwellSeconds ?? tour.dwellSeconds) * 1000);
  for (const step of tour.steps) {
    if (step.each === 'community') {
      for (const place of context.communities) {
        const camera: StopCamera | null =
          'fit' in step.camera
            ? place.bounds && { kind: 'fit', bounds: step.camera.fit === 'community' ? place.bounds : context.subdistrictBounds, bearing: step.camera.bearing, pitch: step.camera.pitch }
            : { kind: 'camera', camera: step.camera };
        if (!camera) continue;
        stops.push({
          key: `${step.id}:${place.code}`,
          stepId: step.id,
          title: fill(step.title, place, false),
          caption: fill(step.caption, place, false),
          search: fill(step.search, place, true),
          camera,
          dwellMs: dwellMs(step),
          highlight: step.highlight,
        });
      }
      continue;
    }
    stops.push({
      key: step.id,
      stepId: step.id,
      title: step.title,
      caption: step.caption,
      search: step.search,
      camera: 'fit' in step.camera ? { kind: 'fit', bounds: context.subdistrictBounds, bearing: step.camera.bearing, pitch: step.camera.pitch } : { kind: 'camera', camera: step.camera },
      dwellMs: dwellMs(step),
      highlight: step.highlight,
    });
  }
  return stops;
}

/** The stop after `index`, wrapping round; `step` is +1 or −1 (the hidden controls' ◀ ▶). */
export function nextStop(index: number, count: number, step: 1 | -1 = 1): number {
  if (count <= 0) return 0;
  return (((index + step) % count) + count) % count;
}

/** Union of bounds, for a place drawn in several tiles (each tile holds a clipped piece). */
export function unionBounds(a: Bounds | null, b: Bounds): Bounds {
  if (!a) return [...b];
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
