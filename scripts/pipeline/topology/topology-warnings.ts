/**
 * Topology warnings: things that do not drop a row (those are rejects) but that an office should
 * fix in its files, because a figure may be wrong because of them:
 * - sibling grids that overlap, or leave a gap in their parent, above a tolerance (m²);
 * - problems and lamps that fall in no grid (inside the sub-district, so not rejected);
 * - grid codes that break the 12/15/17-digit scheme in ways a single row cannot show
 *   (sequence 000, a `00` "not subdivided" cell beside siblings, a ledger's 网格编码 column that is
 *   not a 15/17-digit code or names another grid than the one the point lies in);
 * - a layer in a Gauss-Krüger zone that does not contain the sub-district (converted correctly,
 *   but a surveyor's file for this place would not be in that zone: worth a second look).
 */
import Flatbush from 'flatbush';
import { area as turfArea, difference, featureCollection, intersect, pointOnFeature, polygon, multiPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  GRID_L4_CODE_LENGTH,
  GRID_L5_CODE_LENGTH,
  UNDIVIDED_L5_SUFFIX,
  type ImportedLayer,
  type ImportWarning,
  type TopologyWarningKind,
} from '../../../src/contract';
import { GridLocator } from '../../../src/analysis/grid-locator';
import { resolveCrs } from '../crs/definitions';
import type { RawInputs } from '../read';
import type { Areal, Located, ValidInputs } from '../validate';

/** Sibling groups above this many children are checked pairwise through a bbox index anyway. */
const MAX_GAP_PARTS_PER_PARENT = 20;
/** A zone's own band is its central meridian ± 1.5°; a little more is normal at zone edges. */
const ZONE_HALF_WIDTH_DEG = 1.5 + 0.25;

interface Cell {
  code: string;
  geometry: Areal;
  file: string;
  row: number;
}

export function topologyWarnings(input: ValidInputs, raw: Pick<RawInputs, 'imported'>, toleranceM2: number): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const cells = (items: Located<{ code: string }, Areal>[]): Cell[] => items.map((i) => ({ code: i.value.code, geometry: i.geometry, file: i.file, row: i.row }));
  const boundary: Cell = { code: input.boundary.value.code, geometry: input.boundary.geometry, file: input.boundary.file, row: 1 };
  const communities = cells(input.communities);
  const l4 = cells(input.gridsL4);
  const l5 = cells(input.gridsL5);

  siblingWarnings(boundary, communities, '社区 community', toleranceM2, warnings);
  const byCode = new Map(communities.map((c) => [c.code, c]));
  for (const [parentCode, children] of groupBy(input.gridsL4, (g) => g.value.community_code)) {
    const parent = byCode.get(parentCode);
    if (parent) siblingWarnings(parent, cells(children), 'level-4 grid', toleranceM2, warnings);
  }
  const l4ByCode = new Map(l4.map((c) => [c.code, c]));
  for (const [parentCode, children] of groupBy(input.gridsL5, (g) => g.value.grid_code)) {
    const parent = l4ByCode.get(parentCode);
    if (parent) siblingWarnings(parent, cells(children), 'level-5 grid', toleranceM2, warnings);
  }

  codeSchemeWarnings(input, warnings);
  outsideGridWarnings(input, l4, l5, warnings);
  zoneWarnings(input, raw.imported, warnings);
  return warnings;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function asFeature(geometry: Areal): Feature<Polygon | MultiPolygon> {
  return geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates);
}

/** Overlaps between siblings (bbox index, then exact area) and gaps the siblings leave in their parent. */
function siblingWarnings(parent: Cell, children: Cell[], what: string, toleranceM2: number, out: ImportWarning[]): void {
  if (children.length === 0) return;
  const features = children.map((c) => asFeature(c.geometry));
  const index = new Flatbush(children.length);
  const boxes = children.map((c) => bbox(c.geometry));
  for (const [w, s, e, n] of boxes) index.add(w, s, e, n);
  index.finish();
  children.forEach((a, i) => {
    const [w, s, e, n] = boxes[i]!;
    for (const j of index.search(w, s, e, n)) {
      if (j <= i) continue;
      const b = children[j]!;
      const shared = safe(() => intersect(featureCollection([features[i]!, features[j]!])));
      const m2 = shared ? turfArea(shared) : 0;
      if (m2 > toleranceM2) {
        const at = pointOnFeature(shared!).geometry.coordinates;
        out.push({ kind: 'grid-overlap', file: a.file, row: a.row, id: a.code, field: 'geometry', value: `${b.code}`, reason: `${what} ${a.code} overlaps its sibling ${b.code} by ${Math.round(m2)} m² (near ${fmt(at)}); expected siblings that do not overlap (tolerance ${toleranceM2} m²)` });
      }
    }
  });
  const parentFeature = asFeature(parent.geometry);
  const gap = safe(() => difference(featureCollection([parentFeature, ...features])));
  if (gap) {
    const parts = gap.geometry.type === 'Polygon' ? [gap.geometry.coordinates] : gap.geometry.coordinates;
    const big = parts.map((p) => polygon(p)).map((f) => ({ f, m2: turfArea(f) })).filter((p) => p.m2 > toleranceM2).sort((a, b) => b.m2 - a.m2);
    for (const { f, m2 } of big.slice(0, MAX_GAP_PARTS_PER_PARENT)) {
      out.push({ kind: 'grid-gap', file: children[0]!.file, row: 0, id: parent.code, field: 'geometry', value: fmt(pointOnFeature(f).geometry.coordinates), reason: `the ${what}s of ${parent.code} leave a gap of ${Math.round(m2)} m² there; expected them to cover their parent (tolerance ${toleranceM2} m²)` });
    }
  }
  children.forEach((c, i) => {
    const spill = safe(() => difference(featureCollection([features[i]!, parentFeature])));
    const m2 = spill ? turfArea(spill) : 0;
    if (m2 > toleranceM2) {
      out.push({ kind: 'grid-overlap', file: c.file, row: c.row, id: c.code, field: 'geometry', value: fmt(pointOnFeature(spill!).geometry.coordinates), reason: `${what} ${c.code} reaches ${Math.round(m2)} m² outside its parent ${parent.code}; expected it inside (tolerance ${toleranceM2} m²)` });
    }
  });
}

/** polyclip throws on some degenerate rings; a failed overlay is no warning rather than a crash. */
function safe<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}

function codeSchemeWarnings(input: ValidInputs, out: ImportWarning[]): void {
  for (const g of input.gridsL4) {
    if (g.value.code.endsWith('000')) {
      out.push({ kind: 'grid-code-scheme', file: g.file, row: g.row, id: g.value.code, field: 'code', value: g.value.code, reason: 'level-4 sequence 000; expected sequences from 001, numbered west→east, north→south' });
    }
  }
  for (const [parentCode, children] of groupBy(input.gridsL5, (g) => g.value.grid_code)) {
    const undivided = children.find((c) => c.value.code.endsWith(UNDIVIDED_L5_SUFFIX));
    if (undivided && children.length > 1) {
      out.push({ kind: 'grid-code-scheme', file: undivided.file, row: undivided.row, id: undivided.value.code, field: 'code', value: undivided.value.code, reason: `suffix 00 means "${parentCode} is not subdivided", but it has ${children.length - 1} other level-5 grid(s); expected 00 only for an undivided grid` });
    }
  }
  const withChildren = new Set(input.gridsL5.map((g) => g.value.grid_code));
  if (input.gridsL5.length > 0) {
    for (const g of input.gridsL4) {
      if (!withChildren.has(g.value.code)) {
        out.push({ kind: 'grid-code-scheme', file: g.file, row: g.row, id: g.value.code, field: 'code', value: g.value.code, reason: `has no level-5 grid; expected at least ${g.value.code}${UNDIVIDED_L5_SUFFIX} (not subdivided)` });
      }
    }
  }
}

function outsideGridWarnings(input: ValidInputs, l4: Cell[], l5: Cell[], out: ImportWarning[]): void {
  const locate4 = new GridLocator(l4);
  const locate5 = new GridLocator(l5);
  // The file's optional grid column (网格编码 mapped to grid_code), kept by validate per data row.
  const declared = input.problems.declaredGrid;
  for (const p of input.problems) {
    const cell4 = locate4.locate(p.value.lon, p.value.lat);
    const id = p.value.id;
    if (cell4 === null) {
      out.push({ kind: 'outside-grids', file: p.file, row: p.row, id, field: 'lon,lat', value: `${p.value.lon.toFixed(6)},${p.value.lat.toFixed(6)}`, reason: 'lies inside the sub-district but in no level-4 grid; it counts for the sub-district only (fix the grid layer, or the position)' });
    }
    const code = declared.get(p.row);
    if (code === undefined) continue;
    if (!/^\d+$/.test(code) || (code.length !== GRID_L4_CODE_LENGTH && code.length !== GRID_L5_CODE_LENGTH)) {
      out.push({ kind: 'grid-code-scheme', file: p.file, row: p.row, id, field: 'grid_code', value: code, reason: 'expected a 15-digit level-4 or 17-digit level-5 grid code' });
      continue;
    }
    const actual = code.length === GRID_L5_CODE_LENGTH ? locate5.locate(p.value.lon, p.value.lat) : cell4;
    if (actual !== null && actual !== code) {
      out.push({ kind: 'grid-code-mismatch', file: p.file, row: p.row, id, field: 'grid_code', value: code, reason: `the position lies in grid ${actual}, not in the grid the row names; the map uses the position (check one of them)` });
    }
  }
  for (const l of input.lamps) {
    const [lon, lat] = l.geometry.coordinates as [number, number];
    if (locate4.locate(lon, lat) === null) {
      out.push({ kind: 'outside-grids', file: l.file, row: l.row, id: l.value.id, field: 'geometry', value: `${lon.toFixed(6)},${lat.toFixed(6)}`, reason: 'lies inside the sub-district but in no level-4 grid; it counts for the sub-district only' });
    }
  }
}

function zoneWarnings(input: ValidInputs, imported: Record<string, ImportedLayer>, out: ImportWarning[]): void {
  const [w, , e] = bbox(input.boundary.geometry);
  const lon = (w + e) / 2;
  for (const [layer, info] of Object.entries(imported)) {
    const crs = info.crs === null ? null : resolveCrs(info.crs);
    if (crs?.kind !== 'gauss-kruger' || Math.abs(lon - crs.centralMeridian) <= ZONE_HALF_WIDTH_DEG) continue;
    out.push({ kind: 'crs-zone', file: info.file, row: 0, id: layer, field: 'crs', value: crs.id, reason: `${crs.label} covers ${crs.centralMeridian - 1.5}°–${crs.centralMeridian + 1.5}°E but the sub-district is at ${lon.toFixed(2)}°E; the positions were converted as declared, but check that ${crs.id} is really the file's CRS` });
  }
}

function bbox(geometry: Areal): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of rings) {
    for (const [x, y] of poly[0]!) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  }
  return [w, s, e, n];
}

const fmt = (p: number[]): string => `${p[0]!.toFixed(6)},${p[1]!.toFixed(6)}`;

/** Counts per kind, for the manifest and the console. */
export function countWarnings(warnings: ImportWarning[]): Partial<Record<TopologyWarningKind, number>> {
  const counts: Partial<Record<TopologyWarningKind, number>> = {};
  for (const w of warnings) counts[w.kind] = (counts[w.kind] ?? 0) + 1;
  return counts;
}
