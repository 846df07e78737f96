/**
 * A copy of the demo office whose ledger carries markup: one problem's description and one
 * compound's name are an <img onerror> payload. Office files are typed by clerks and imported
 * from other systems, so the dashboard must show such text as text.
 *
 * The chosen problem and compound are the ones easiest to click: the open problem farthest from
 * any other point, the largest compound at its spot farthest from points and edges.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Papa from 'papaparse';
import { area, bbox, booleanPointInPolygon, lineString, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { DatasetConfig } from '../../src/contract';

export const XSS_PAYLOAD = '<img src=x onerror=alert(1)>';

export interface XssOffice {
  configPath: string;
  problem: { id: string; lngLat: [number, number] };
  compound: { id: string; lngLat: [number, number] };
}

type LngLat = [number, number];

/** Metres between two nearby positions (equirectangular; exact enough within a sub-district). */
function metresBetween(a: LngLat, b: LngLat): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const dx = (a[0] - b[0]) * k * 111_320;
  const dy = (a[1] - b[1]) * 110_540;
  return Math.hypot(dx, dy);
}

/** Distance to the nearest of `others`, skipping the one at index `self` (a point is not its own neighbour). */
function nearest(from: LngLat, others: LngLat[], self = -1): number {
  let best = Infinity;
  others.forEach((other, i) => {
    if (i !== self) best = Math.min(best, metresBetween(from, other));
  });
  return best;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * Copies the office in `sampleDir` to `targetDir` (which must not exist), plants the payload and
 * returns where to click. The config's basemap path becomes absolute, as the OSM extract is not
 * copied.
 */
export function writeXssOffice(sampleConfigPath: string, targetDir: string): XssOffice {
  const sampleDir = dirname(resolve(sampleConfigPath));
  cpSync(sampleDir, targetDir, { recursive: true });
  const configPath = join(targetDir, 'guatu.config.json');
  const config = readJson<DatasetConfig>(configPath);
  config.basemap = { ...config.basemap, osm: resolve(sampleDir, config.basemap.osm) };
  // The working calendar lives outside data/sample (data/calendar/), so it is not copied either.
  if (config.ledger?.calendar) config.ledger = { ...config.ledger, calendar: resolve(sampleDir, config.ledger.calendar) };
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  const lampsPath = join(targetDir, config.files.lamps);
  const lamps = readJson<FeatureCollection<Point | null>>(lampsPath)
    .features.flatMap((f) => (f.geometry ? [f.geometry.coordinates as LngLat] : []));

  const problemsPath = join(targetDir, config.files.problems);
  const problems = Papa.parse<Record<string, string>>(readFileSync(problemsPath, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  const fields = problems.meta.fields ?? [];
  for (const needed of ['id', 'lon', 'lat', 'status', 'description']) {
    if (!fields.includes(needed)) throw new Error(`${problemsPath}: no "${needed}" column`);
  }
  const located = problems.data
    .map((row) => ({ row, lngLat: [Number(row.lon), Number(row.lat)] as LngLat }))
    .filter(({ lngLat }) => Number.isFinite(lngLat[0]) && Number.isFinite(lngLat[1]));
  const allPoints = [...located.map((p) => p.lngLat), ...lamps];
  let chosen: (typeof located)[number] | undefined;
  let chosenSpace = -1;
  for (const [index, candidate] of located.entries()) {
    if (candidate.row.status === 'closed') continue;
    const space = nearest(candidate.lngLat, allPoints, index);
    if (space > chosenSpace) {
      chosen = candidate;
      chosenSpace = space;
    }
  }
  if (!chosen) throw new Error(`${problemsPath}: no open problem with a location to plant the payload in`);
  chosen.row.description = XSS_PAYLOAD;
  writeFileSync(problemsPath, Papa.unparse({ fields, data: problems.data.map((row) => fields.map((f) => row[f] ?? '')) }));

  const compoundsPath = join(targetDir, config.files.compounds);
  const compounds = readJson<FeatureCollection<Polygon | MultiPolygon | null>>(compoundsPath);
  const polygons = compounds.features.filter((f): f is Feature<Polygon | MultiPolygon> => f.geometry !== null);
  const largest = polygons.reduce<Feature<Polygon | MultiPolygon> | undefined>(
    (best, f) => (best === undefined || area(f) > area(best) ? f : best),
    undefined,
  );
  if (!largest) throw new Error(`${compoundsPath}: no compound with a geometry to plant the payload in`);
  largest.properties = { ...largest.properties, name: XSS_PAYLOAD };
  writeFileSync(compoundsPath, JSON.stringify(compounds));

  // The compound's roomiest spot: inside, far from its edge and from every problem and lamp.
  const [west, south, east, north] = bbox(largest);
  const rings = largest.geometry.type === 'Polygon' ? largest.geometry.coordinates : largest.geometry.coordinates.flat(1);
  const edgeLines = rings.map((ring) => lineString(ring));
  let spot: LngLat | undefined;
  let spotSpace = -1;
  const steps = 16;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const candidate: LngLat = [west + ((east - west) * i) / steps, south + ((north - south) * j) / steps];
      if (!booleanPointInPolygon(candidate, largest)) continue;
      const toEdge = Math.min(...edgeLines.map((line) => pointToLineDistance(point(candidate), line, { units: 'meters' })));
      const space = Math.min(toEdge, nearest(candidate, allPoints));
      if (space > spotSpace) {
        spot = candidate;
        spotSpace = space;
      }
    }
  }
  if (!spot) throw new Error(`${compoundsPath}: compound ${String(largest.properties?.id)} has no inner point on a 16×16 grid`);

  return {
    configPath,
    problem: { id: String(chosen.row.id), lngLat: chosen.lngLat },
    compound: { id: String(largest.properties?.id), lngLat: spot },
  };
}
