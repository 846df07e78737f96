/**
 * Where problems happen: points drawn from the kinds of places the seeds talk about (markets,
 * shop fronts, main roads, back streets, old compounds without property management, lamps that
 * have failed, dark streets), always inside the sub-district, with the address a clerk would
 * write. Weighted picks use cumulative arrays and binary search, so a million draws are cheap.
 */
import type { StreetIndex } from './addresses';
import { formatAddress } from './addresses';
import type { LandArea } from './buildings';
import type { CompoundRecord } from './compounds';
import type { Geography } from './geography';
import type { LampPlan } from './lamps';
import type { XY } from './local-frame';
import type { Merchant } from './merchants';
import { faceInteriorPoint } from './planar-graph';
import type { PlaceKind } from './problem-profiles';
import type { Rng } from './random';
import { pointInRing, ringBbox } from './ring-geometry';
import type { RoadGroup } from './roads';
import { UNNAMED_ROAD } from './roads';

export interface Place {
  xy: XY;
  kind: PlaceKind;
  compound: CompoundRecord | null;
  market: string | null;
}

export interface PlaceSampler {
  sample(kind: PlaceKind, rng: Rng): Place;
  /** A point near p (within metres), inside the sub-district. */
  near(p: XY, metres: number, rng: Rng): XY;
  addressOf(place: Place, rng: Rng): string;
}

/** A weighted list: pick in O(log n). */
class WeightedList<T> {
  private readonly cumulative: Float64Array;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
  }
  get size(): number {
    return this.items.length;
  }
  pick(rng: Rng): T {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

interface Segment {
  a: XY;
  b: XY;
  group: RoadGroup;
}

export function buildPlaceSampler(input: {
  geo: Geography;
  streets: StreetIndex;
  compounds: readonly CompoundRecord[];
  merchants: readonly Merchant[];
  lamps: LampPlan;
  land: readonly LandArea[];
  oldBefore: number;
}): PlaceSampler {
  const { geo, streets } = input;
  // A metre clear of the boundary, so rounding to 6 decimals (≈ 0.1 m) cannot push a point out.
  const inside = (p: XY): boolean =>
    geo.contains(p) && geo.contains([p[0] + 1, p[1]]) && geo.contains([p[0] - 1, p[1]]) && geo.contains([p[0], p[1] + 1]) && geo.contains([p[0], p[1] - 1]);
  const cellPoints = geo.cells.map((c) => faceInteriorPoint(geo.graph, geo.graph.faces[c.face] as (typeof geo.graph.faces)[number]));
  const cells = new WeightedList(
    geo.cells.map((c) => c.index),
    geo.cells.map((c) => c.areaM2),
  );

  const segments: Segment[] = [];
  const darkSegments: Segment[] = [];
  const dark = new Set([...input.lamps.darkStreets, ...input.lamps.sparseStreets]);
  for (const road of geo.roads) {
    const xy = road.coords.map((c) => geo.frame.toXY(c));
    for (let i = 0; i + 1 < xy.length; i++) {
      const a = xy[i] as XY;
      const b = xy[i + 1] as XY;
      if (!geo.contains([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])) continue;
      segments.push({ a, b, group: road.group });
      if (dark.has(road.name) && road.name !== UNNAMED_ROAD) darkSegments.push({ a, b, group: road.group });
    }
  }
  const len = (s: Segment): number => Math.hypot(s.b[0] - s.a[0], s.b[1] - s.a[1]);
  const mainSegments = segments.filter((s) => s.group !== 'back_street');
  const backSegments = segments.filter((s) => s.group === 'back_street');
  const main = new WeightedList(mainSegments, mainSegments.map(len));
  const back = new WeightedList(backSegments, backSegments.map(len));
  const darkList = new WeightedList(darkSegments, darkSegments.map(len));

  const fronts = input.merchants.filter((m) => m.kind !== 'market');
  const storefronts = new WeightedList(
    fronts,
    fronts.map((m) => (m.group === 'main' ? 2 : m.group === 'branch' ? 1.5 : m.group === 'back_street' ? 1 : 1.5)),
  );
  const stalls = input.merchants.filter((m) => m.kind === 'market');
  const marketList = new WeightedList(stalls, stalls.map(() => 1));
  const markets = input.land.filter((l) => l.kind === 'market');

  const pmWeight = { none: 3, simple: 1.6, professional: 0.6 } as const;
  const compounds = new WeightedList(
    input.compounds,
    input.compounds.map((c) => Math.sqrt(Math.max(1, c.households)) * pmWeight[c.property_management] * (c.built_year < input.oldBefore ? 1.8 : 0.8)),
  );
  const lampCandidates = input.lamps.lamps.filter((l) => l.status !== 'removed');
  const sparse = new Set(input.lamps.sparseStreets);
  const lamps = new WeightedList(
    lampCandidates,
    lampCandidates.map((l) => (l.status === 'faulty' ? 25 : sparse.has(l.road) ? 3 : 1)),
  );

  const onSegment = (s: Segment, maxOffset: number, rng: Rng): XY => {
    const t = rng.next();
    const l = len(s) || 1;
    const off = (rng.chance(0.5) ? 1 : -1) * rng.range(0, maxOffset);
    return [s.a[0] + t * (s.b[0] - s.a[0]) - ((s.b[1] - s.a[1]) / l) * off, s.a[1] + t * (s.b[1] - s.a[1]) + ((s.b[0] - s.a[0]) / l) * off];
  };
  const inCompound = (c: CompoundRecord, rng: Rng): XY => {
    const [x0, y0, x1, y1] = ringBbox(c.ring);
    for (let k = 0; k < 20; k++) {
      const p: XY = [rng.range(x0, x1), rng.range(y0, y1)];
      if (pointInRing(p, c.ring)) return p;
    }
    return c.centroid;
  };
  // A point well inside, the last resort of every draw (found once, deterministically).
  const largest = [...geo.cells].sort((a, b) => b.areaM2 - a.areaM2 || a.index - b.index)[0];
  const safe: XY = largest && inside(largest.centroid) ? largest.centroid : (cellPoints[largest?.index ?? 0] ?? [0, 0]);
  const anywhere = (rng: Rng): XY => {
    for (let k = 0; k < 50; k++) {
      const cell = geo.cells[cells.pick(rng)] as (typeof geo.cells)[number];
      const [x0, y0, x1, y1] = cell.bbox;
      const p: XY = [rng.range(x0, x1), rng.range(y0, y1)];
      if (pointInRing(p, cell.ring) && inside(p)) return p;
    }
    return safe;
  };

  const draw = (kind: PlaceKind, rng: Rng): Place => {
    switch (kind) {
      case 'market':
        if (marketList.size > 0) {
          const m = marketList.pick(rng);
          const xy: XY = [m.xy[0] + rng.range(-8, 8), m.xy[1] + rng.range(-8, 8)];
          return { xy, kind, compound: null, market: markets.find((l) => pointInRing(m.xy, l.ring))?.name ?? null };
        }
        return draw('storefront', rng);
      case 'storefront':
        if (storefronts.size > 0) {
          const m = storefronts.pick(rng);
          return { xy: [m.xy[0] + rng.range(-2, 2), m.xy[1] + rng.range(-2, 2)], kind, compound: null, market: null };
        }
        return draw('main_road', rng);
      case 'main_road':
        if (main.size > 0) return { xy: onSegment(main.pick(rng), 12, rng), kind, compound: null, market: null };
        return draw('anywhere', rng);
      case 'back_street':
        if (back.size > 0) return { xy: onSegment(back.pick(rng), 3, rng), kind, compound: null, market: null };
        return draw('anywhere', rng);
      case 'compound':
        if (compounds.size > 0) {
          const c = compounds.pick(rng);
          return { xy: inCompound(c, rng), kind, compound: c, market: null };
        }
        return draw('back_street', rng);
      case 'lamp':
        // Most reports come from failed lamps; some from the streets that have none.
        if (darkList.size > 0 && rng.chance(0.25)) return { xy: onSegment(darkList.pick(rng), 2, rng), kind, compound: null, market: null };
        if (lamps.size > 0) {
          const l = lamps.pick(rng);
          return { xy: [l.xy[0] + rng.range(-1, 1), l.xy[1] + rng.range(-1, 1)], kind, compound: null, market: null };
        }
        return draw('main_road', rng);
      case 'anywhere':
        return { xy: anywhere(rng), kind, compound: null, market: null };
    }
  };

  return {
    sample(kind, rng) {
      for (let attempt = 0; attempt < 12; attempt++) {
        const place = draw(kind, rng);
        if (inside(place.xy)) return place;
      }
      return { xy: anywhere(rng), kind: 'anywhere', compound: null, market: null };
    },
    near(p, metres, rng) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const q: XY = [p[0] + rng.range(-metres, metres), p[1] + rng.range(-metres, metres)];
        if (inside(q)) return q;
      }
      return inside(p) ? p : anywhere(rng);
    },
    addressOf(place, rng) {
      if (place.compound) {
        const c = place.compound;
        return c.buildings > 1 ? `${c.name}${rng.int(1, c.buildings)}栋` : c.name;
      }
      if (place.market) return place.market;
      const street = streets.locate(place.xy, 300);
      return street ? formatAddress(street) : '辖区内';
    },
  };
}
