/**
 * Public-space works (公共空间改造) of the demo: pocket parks on spare corners, greening, hardened
 * paving and fitness grounds, as 土坝孜's plan lists them (≈ 68,000 m² hardening/greening, a
 * ~4,000 m² pocket park, 200+ fitness devices). Each is a polygon on open ground of a real street
 * block: clear of homes and outside every compound, cut back to its block so it never crosses a
 * street. A mapped OSM park inside the sub-district becomes a greening work as it stands.
 */
import { intersect as turfIntersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import KDBush from 'kdbush';
import type { ProjectStatus, PublicSpaceKind, PublicSpaceWork } from '../../src/contract';
import type { LonLat, XY } from './local-frame';
import { round6 } from './local-frame';
import type { PolygonCoords } from './planar-graph';
import type { Rng } from './random';
import { pointInRing, ringCentroid, signedArea } from './ring-geometry';
import { workDates } from './road-works';
import type { DemoWorld } from './world';

export const PUBLIC_SPACE_DEFAULTS = {
  /** How many works of each kind. */
  perKind: { pocket_park: 4, greening: 3, hardening: 4, fitness: 3 } satisfies Record<PublicSpaceKind, number>,
  /** Area range of each kind, m². */
  sizeM2: { pocket_park: [600, 2_400], greening: [2_000, 7_000], hardening: [1_200, 4_500], fitness: [300, 900] } satisfies Record<PublicSpaceKind, [number, number]>,
  /** 万元 per m² (design and works). */
  costPerM2Wan: { pocket_park: 0.06, greening: 0.025, hardening: 0.03, fitness: 0.05 } satisfies Record<PublicSpaceKind, number>,
  /** Metres kept clear between a work's edge and the nearest home. */
  clearanceM: 10,
  /** Works are spread out: no two centres closer than this (metres). */
  spacingM: 220,
  /** Mapped OSM parks turned into greening works, at most. */
  osmParks: 2,
  firstYear: 2021,
  lastYear: 2026,
};

export interface PublicSpaceRecord extends PublicSpaceWork {
  geometry: PolygonCoords;
  areaM2: number;
  centre: XY;
}

const NAME_SUFFIX: Record<PublicSpaceKind, string> = {
  pocket_park: '口袋公园',
  greening: '绿化提升工程',
  hardening: '硬化铺装工程',
  fitness: '全民健身场地',
};

interface Spot {
  xy: XY;
  cell: number;
  /** Distance to the nearest home centroid, metres. */
  room: number;
}

export function planPublicSpaceWorks(input: { world: DemoWorld; rng: Rng; asOfMs: number; options?: Partial<typeof PUBLIC_SPACE_DEFAULTS> }): PublicSpaceRecord[] {
  const o = { ...PUBLIC_SPACE_DEFAULTS, ...input.options };
  const { world, rng } = input;
  const { geo } = world;
  const homes = world.buildings.filter((b) => geo.contains(b.centroid));
  const homeIndex = new KDBush(Math.max(1, homes.length));
  for (const b of homes) homeIndex.add(b.centroid[0], b.centroid[1]);
  if (homes.length === 0) homeIndex.add(1e9, 1e9);
  homeIndex.finish();
  const compoundIndex = new KDBush(Math.max(1, world.compounds.length));
  for (const c of world.compounds) compoundIndex.add(c.centroid[0], c.centroid[1]);
  if (world.compounds.length === 0) compoundIndex.add(1e9, 1e9);
  compoundIndex.finish();
  const inCompound = (p: XY): boolean => compoundIndex.within(p[0], p[1], 400).some((i) => world.compounds[i] !== undefined && pointInRing(p, world.compounds[i]!.ring));
  /** Public space is outside compounds: no part of the ring may lie inside one. */
  const clearOfCompounds = (ring: readonly XY[]): boolean => {
    const c = ringCentroid([...ring]);
    const reach = Math.max(...ring.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1]))) + 400;
    return compoundIndex.within(c[0], c[1], reach).every((i) => {
      const compound = world.compounds[i];
      return !compound || overlapM2(ring, compound.ring) < 1;
    });
  };
  const nearestHome = (p: XY): number => {
    const near = homeIndex.within(p[0], p[1], 120);
    let best = 120;
    for (const i of near) {
      const b = homes[i];
      if (b) best = Math.min(best, Math.hypot(b.centroid[0] - p[0], b.centroid[1] - p[1]));
    }
    return best;
  };

  // Open ground: a few probes per street block, kept when clear of homes and outside compounds.
  const spots: Spot[] = [];
  for (const cell of geo.cells) {
    const [w, s, e, n] = cell.bbox;
    for (let k = 0; k < 6; k++) {
      const xy: XY = k === 0 ? cell.centroid : [rng.range(w, e), rng.range(s, n)];
      if (!pointInRing(xy, cell.ring) || inCompound(xy)) continue;
      const room = nearestHome(xy);
      if (room > o.clearanceM + 12) spots.push({ xy, cell: cell.index, room });
    }
  }

  const chosen: { kind: PublicSpaceKind; ring: XY[]; centre: XY }[] = [];
  const farFromChosen = (p: XY): boolean => chosen.every((c) => Math.hypot(c.centre[0] - p[0], c.centre[1] - p[1]) >= o.spacingM);

  // Mapped parks first: real ground the office would green.
  const parks = world.land
    .filter((l) => l.kind === 'park' && geo.contains(l.centroid) && Math.abs(signedArea(l.ring)) < 40_000 && clearOfCompounds(l.ring))
    .slice(0, o.osmParks);
  for (const park of parks) chosen.push({ kind: 'greening', ring: park.ring, centre: park.centroid });

  const kinds = (Object.keys(o.perKind) as PublicSpaceKind[]).flatMap((kind) => new Array<PublicSpaceKind>(Math.max(0, o.perKind[kind] - (kind === 'greening' ? parks.length : 0))).fill(kind));
  for (const kind of kinds) {
    const [lo, hi] = o.sizeM2[kind];
    const area = rng.range(lo, hi);
    const aspect = rng.range(1, 2);
    const half: [number, number] = [Math.sqrt(area * aspect) / 2, Math.sqrt(area / aspect) / 2];
    const fits = spots.filter((s) => s.room >= Math.min(half[0], half[1]) + o.clearanceM && farFromChosen(s.xy));
    // A few tries: a rectangle on open ground can still clip a compound's corner.
    for (let attempt = 0; attempt < 6 && fits.length > 0; attempt++) {
      const spot = fits.splice(rng.int(0, fits.length - 1), 1)[0]!;
      const cell = geo.cells[spot.cell]!;
      const ring = clipToRing(rectangle(spot.xy, half, rng.range(0, Math.PI)), cell.ring);
      if (!ring || Math.abs(signedArea(ring)) < area * 0.5 || !clearOfCompounds(ring)) continue;
      chosen.push({ kind, ring, centre: ringCentroid(ring) });
      break;
    }
  }

  const usedNames = new Set<string>();
  const years = chosen.map((_, i) => o.firstYear + Math.floor((i * (o.lastYear - o.firstYear + 1)) / Math.max(1, chosen.length)));
  return chosen.map((c, i) => {
    const year = years[i]!;
    const status = statusFor(year, o.lastYear, rng);
    const road = world.streets.locate(c.centre, 300)?.road ?? '街心';
    let name = `${road}${NAME_SUFFIX[c.kind]}`;
    for (let n = 2; usedNames.has(name); n++) name = `${road}${NAME_SUFFIX[c.kind]}（${n}）`;
    usedNames.add(name);
    const areaM2 = Math.abs(signedArea(c.ring));
    return {
      id: `GG${String(i + 1).padStart(2, '0')}`,
      name,
      kind: c.kind,
      year,
      status,
      ...workDates(year, status, rng, input.asOfMs),
      budget_wan: Math.round(areaM2 * o.costPerM2Wan[c.kind] * rng.range(0.85, 1.2) * 10) / 10,
      geometry: { type: 'Polygon', coordinates: [closedLonLat(c.ring, world)] },
      areaM2,
      centre: c.centre,
    };
  });
}

/** Older works are finished; this year's are still on paper or on site (as road works). */
function statusFor(year: number, lastYear: number, rng: Rng): ProjectStatus {
  const age = lastYear - year;
  if (age >= 2) return 'accepted';
  if (age === 1) return rng.pick(['completed', 'accepted', 'under_construction'] as const);
  return rng.pick(['planned', 'approved', 'under_construction'] as const);
}

function rectangle(centre: XY, [hx, hy]: [number, number], angle: number): XY[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [
    [-hx, -hy],
    [hx, -hy],
    [hx, hy],
    [-hx, hy],
  ].map(([x, y]) => [centre[0] + x! * cos - y! * sin, centre[1] + x! * sin + y! * cos] as XY);
}

/** Area of the overlap of two rings (metres, planar), m². */
function overlapM2(a: readonly XY[], b: readonly XY[]): number {
  const clipped = turfIntersect({ type: 'FeatureCollection', features: [polygonOf(a), polygonOf(b)] }) as Feature<Polygon | MultiPolygon> | null;
  if (!clipped) return 0;
  const polys = clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates] : clipped.geometry.coordinates;
  return polys.reduce((s, poly) => s + poly.reduce((t, r, k) => t + (k === 0 ? 1 : -1) * Math.abs(signedArea(r.slice(0, -1).map((p) => [p[0]!, p[1]!] as XY))), 0), 0);
}

function polygonOf(r: readonly XY[]): Feature<Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...r, r[0]!].map((p) => [p[0], p[1]])] } };
}

/** The part of `ring` inside `block` (metres; planar clipping), its largest piece; null if none. */
function clipToRing(ring: XY[], block: readonly XY[]): XY[] | null {
  const clipped = turfIntersect({ type: 'FeatureCollection', features: [polygonOf(ring), polygonOf(block)] }) as Feature<Polygon | MultiPolygon> | null;
  if (!clipped) return null;
  const outers = clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates[0]!] : clipped.geometry.coordinates.map((p) => p[0]!);
  const best = outers.map((r) => r.slice(0, -1).map((p) => [p[0]!, p[1]!] as XY)).sort((a, b) => Math.abs(signedArea(b)) - Math.abs(signedArea(a)))[0];
  return best && best.length >= 3 ? best : null;
}

/** Counter-clockwise, closed, 6 decimals (RFC 7946 outer ring). */
function closedLonLat(ring: readonly XY[], world: DemoWorld): LonLat[] {
  const ccw = signedArea(ring) >= 0 ? [...ring] : [...ring].reverse();
  const out = ccw.map((p) => {
    const [lon, lat] = world.geo.frame.toLonLat(p);
    return [round6(lon), round6(lat)] as LonLat;
  });
  out.push(out[0]!);
  return out;
}
