/**
 * `npx tsx scripts/pipeline/ledger/sf311/make-office.ts [--cases path] [--out data/sf311]`
 *
 * San Francisco 311 has no 街道, 社区 or 网格, so this writes a stand-in geography for the real
 * sample of 4,984 cases (data/realdata/sf311/cases_sample.csv.gz, gzipped byte for byte from the workplace's realdata/sf311), derived from the cases alone:
 * - the level-4 grids are the 1 km squares that meet the convex hull of every case widened by
 *   300 m, numbered west→east, north→south; the "sub-district" is their union;
 * - the "communities" are the city's 11 supervisor districts, each the union of the squares whose
 *   cases mostly name that district (Supervisor.District), so every square has one district;
 * - grid names are the neighbourhood most of a square's cases name.
 * The other layers (compounds, lamps, works) are empty: 311 says nothing about them. The problems
 * themselves are not copied: build:data reads the real file through problems-mapping.json.
 * Deterministic: same cases, same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { readUtf8File } from '../../formats/text-encoding';
import { buffer, convex, featureCollection, intersect, point, polygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SF311_DEFAULTS = {
  cases: join(REPO, 'data', 'realdata', 'sf311', 'cases_sample.csv.gz'),
  out: join(REPO, 'data', 'sf311'),
  /** A placeholder 9-digit code: San Francisco has no Chinese statistical division code. */
  subDistrictCode: '999001001',
  /** Side of the grid squares, metres. */
  squareM: 1000,
  /** How far the boundary reaches past the outermost case, metres. */
  marginM: 300,
};

interface Case {
  lon: number;
  lat: number;
  district: string;
  neighborhood: string;
}

function readCases(file: string): Case[] {
  const parsed = Papa.parse<Record<string, string>>(readUtf8File(file).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  return parsed.data.flatMap((r) => {
    const lon = Number(r.Long);
    const lat = Number(r.Lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [];
    return [{ lon, lat, district: (r['Supervisor.District'] ?? '').trim(), neighborhood: (r.Neighborhood ?? '').trim() }];
  });
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const roundRing = (ring: Position[]): Position[] => ring.map(([x, y]) => [round6(x!), round6(y!)]);
const roundGeometry = (g: Polygon | MultiPolygon): Polygon | MultiPolygon =>
  g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(roundRing) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(roundRing)) };

function mostCommon(values: string[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '' && v !== 'NA') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? fallback;
}

export function makeSf311Office(casesPath: string, outDir: string): { squares: number; communities: number } {
  const o = SF311_DEFAULTS;
  const cases = readCases(casesPath);
  const hull = convex(featureCollection(cases.map((c) => point([c.lon, c.lat]))));
  if (!hull) throw new Error(`${casesPath}: no cases with coordinates`);
  // Squares are kept where they meet the cases' hull widened by the margin; the sub-district is their union.
  const hullZone = buffer(hull, o.marginM / 1000, { units: 'kilometers', steps: 4 }) as Feature<Polygon>;

  // 1 km squares over the boundary's box, in an equirectangular frame at its middle latitude.
  const ring = hullZone.geometry.coordinates[0]!;
  const west = Math.min(...ring.map((p) => p[0]!));
  const east = Math.max(...ring.map((p) => p[0]!));
  const south = Math.min(...ring.map((p) => p[1]!));
  const north = Math.max(...ring.map((p) => p[1]!));
  const dLat = o.squareM / 110_540;
  const dLon = o.squareM / (111_320 * Math.cos((((south + north) / 2) * Math.PI) / 180));
  const cols = Math.ceil((east - west) / dLon);
  const rows = Math.ceil((north - south) / dLat);
  const byCell = new Map<number, Case[]>();
  for (const c of cases) {
    const cx = Math.min(cols - 1, Math.floor((c.lon - west) / dLon));
    const cy = Math.min(rows - 1, Math.floor((north - c.lat) / dLat));
    const key = cy * cols + cx;
    const list = byCell.get(key);
    if (list) list.push(c);
    else byCell.set(key, [c]);
  }

  interface Square {
    row: number;
    col: number;
    geometry: Polygon | MultiPolygon;
    district: string;
    name: string;
    cases: number;
  }
  // Squares on one lattice (vertices rounded once), so neighbours share their edges exactly and the
  // unions below (districts, the boundary) leave no slivers.
  const X = Array.from({ length: cols + 1 }, (_, i) => round6(west + i * dLon));
  const Y = Array.from({ length: rows + 1 }, (_, i) => round6(north - i * dLat));
  const squares: Square[] = [];
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      const cell = polygon([[[X[cx]!, Y[cy]!], [X[cx + 1]!, Y[cy]!], [X[cx + 1]!, Y[cy + 1]!], [X[cx]!, Y[cy + 1]!], [X[cx]!, Y[cy]!]]]);
      if (!intersect(featureCollection([cell, hullZone]))) continue;
      const inside = byCell.get(cy * cols + cx) ?? [];
      squares.push({ row: cy, col: cx, geometry: cell.geometry, district: mostCommon(inside.map((c) => c.district), ''), name: mostCommon(inside.map((c) => c.neighborhood), ''), cases: inside.length });
    }
  }
  // A square without cases takes the district of the nearest square that has one.
  for (const s of squares) {
    if (s.district !== '') continue;
    let best: Square | null = null;
    let bestD = Infinity;
    for (const t of squares) {
      if (t.cases === 0) continue;
      const d = (t.row - s.row) ** 2 + (t.col - s.col) ** 2;
      if (d < bestD || (d === bestD && best !== null && (t.row < best.row || (t.row === best.row && t.col < best.col)))) {
        best = t;
        bestD = d;
      }
    }
    s.district = best?.district ?? '1';
  }

  const districts = [...new Set(squares.map((s) => s.district))].sort((a, b) => Number(a) - Number(b));
  const communityCode = (d: string): string => `${o.subDistrictCode}${d.padStart(3, '0')}`;
  const boundary = union(featureCollection(squares.map((s) => ({ type: 'Feature' as const, properties: {}, geometry: s.geometry }))))!;
  const communities = districts.map((d) => {
    const parts = squares.filter((s) => s.district === d).map((s) => ({ type: 'Feature' as const, properties: {}, geometry: s.geometry }));
    const merged = parts.length === 1 ? parts[0]! : union(featureCollection(parts));
    return {
      type: 'Feature',
      properties: { code: communityCode(d), name: `第${d}监事区 Supervisor District ${d}`, area_code: 'PQ01', kind: 'community', adopting_dept: '' },
      geometry: roundGeometry(merged!.geometry as Polygon | MultiPolygon),
    };
  });
  const seq = new Map<string, number>();
  const grids = squares
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((s) => {
      const n = (seq.get(s.district) ?? 0) + 1;
      seq.set(s.district, n);
      const code = `${communityCode(s.district)}${String(n).padStart(3, '0')}`;
      return {
        type: 'Feature',
        properties: { code, community_code: communityCode(s.district), name: s.name !== '' ? `${s.name} ${code.slice(-3)}` : `方格 ${code.slice(-3)}`, chief: '未登记', households: 0, merchants: 0 },
        geometry: roundGeometry(s.geometry),
      };
    });

  mkdirSync(outDir, { recursive: true });
  const write = (name: string, text: string): void => writeFileSync(join(outDir, name), text);
  const fc = (features: unknown[]): string => `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
  write('boundary.geojson', fc([{ type: 'Feature', properties: { code: o.subDistrictCode, name: '旧金山 311 样本 San Francisco 311 sample' }, geometry: roundGeometry(boundary.geometry as Polygon | MultiPolygon) }]));
  write('areas.csv', 'code,name\nPQ01,旧金山 San Francisco\n');
  write('communities.geojson', fc(communities));
  write('grids_l4.geojson', fc(grids));
  write('grids_l5.geojson', fc([]));
  write('compounds.geojson', fc([]));
  write('road_works.geojson', fc([]));
  write('lamps.geojson', fc([]));
  write('projects.csv', 'id,name,compound_ids,batch_year,status,planned_at,approved_at,started_at,completed_at,accepted_at,items,budget_wan,funds_received_wan\n');
  write('renovation_items.csv', 'code,name,class,unit\n');
  write('no-basemap.osm', '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="guatu sf311/make-office.ts: no OpenStreetMap extract of San Francisco is available offline"></osm>\n');
  return { squares: grids.length, communities: communities.length };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cases = arg('cases') ?? SF311_DEFAULTS.cases;
  const out = arg('out') ?? SF311_DEFAULTS.out;
  const made = makeSf311Office(cases, out);
  console.log(`San Francisco 311 stand-in geography → ${out}: ${made.communities} districts, ${made.squares} squares`);
}
