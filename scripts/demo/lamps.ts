/**
 * Street lamps along the real roads inside the sub-district: spaced by road class, in pairs on
 * main roads, staggered on branch roads, on one wall of a back street. Each road was lit in one
 * project (one install year, one lamp type); a few lamps were replaced later. Old lamps fail
 * more often. A few real back streets are left dark or sparsely lit on purpose, so the map has
 * the dark streets DOMAIN.md's offices go after (Meizhou's 白马一巷).
 */
import type { StreetLamp } from '../../src/contract';
import type { Geography } from './geography';
import type { LonLat, XY } from './local-frame';
import { round6 } from './local-frame';
import type { Rng } from './random';
import type { Road, RoadGroup } from './roads';
import { UNNAMED_ROAD } from './roads';

export const LAMP_DEFAULTS = {
  /**
   * Metres between lamp positions along the road. Main roads: a pair, one on each kerb, every
   * 30 m; branch roads: staggered, sides alternating every 20 m (40 m per side); back streets:
   * one wall-mounted lamp every 22 m.
   */
  spacingM: { main: 30, branch: 20, back_street: 22 } satisfies Record<RoadGroup, number>,
  layout: { main: 'opposite', branch: 'staggered', back_street: 'one_side' } satisfies Record<RoadGroup, 'opposite' | 'staggered' | 'one_side'>,
  /** Distance from the centre line: the kerb of a main road, the wall of a lane. */
  offsetM: { main: 12, branch: 7, back_street: 3 } satisfies Record<RoadGroup, number>,
  /** Back streets left without any lamp. */
  darkStreets: 3,
  /** Back streets with only a lamp every sparseSpacingM metres. */
  sparseStreets: 3,
  sparseSpacingM: 120,
  /** Share of back streets lit by solar lamps (土坝孜 plans 2,000 m of solar lighting). */
  solarBackStreetShare: 0.3,
  /** Share of lamps removed (pole taken down, not yet replaced). */
  removedShare: 0.02,
  /** Faulty probability: base + per year of age; tuned to ≈ 6% overall. */
  faultyBase: 0.02,
  faultyPerYear: 0.0035,
  /** The year the demo's lamp register is as of. */
  asOfYear: 2026,
};
export type LampOptions = typeof LAMP_DEFAULTS;

export interface LampRecord extends StreetLamp {
  xy: XY;
  lonLat: LonLat;
}

export interface LampPlan {
  lamps: LampRecord[];
  /**
   * Lamps on the inner side of streets that run along the boundary, where the side the layout chose
   * lies outside (the neighbouring sub-district's). Without them such a street would be lit from
   * outside only and read as dark. Placed after the others, from their own random stream and with
   * the next ids, so the rest of the demo (lamp ids, the ledger's lamp reports) stays as it was.
   */
  boundaryLamps: LampRecord[];
  /** Real back streets left dark, and those lit only sparsely (for the report and tests). */
  darkStreets: string[];
  sparseStreets: string[];
}

export function placeLamps(input: { geo: Geography; rng: Rng; options?: Partial<LampOptions> }): LampPlan {
  const o = { ...LAMP_DEFAULTS, ...input.options };
  const { geo, rng } = input;
  const insideLength = (road: Road): { inside: number; total: number } => {
    let inside = 0;
    let total = 0;
    for (let i = 0; i + 1 < road.coords.length; i++) {
      const a = geo.frame.toXY(road.coords[i] as LonLat);
      const b = geo.frame.toXY(road.coords[i + 1] as LonLat);
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      total += len;
      if (geo.contains([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])) inside += len;
    }
    return { inside, total };
  };

  // Dark and sparse streets: named back streets wholly inside, 80–500 m long.
  const lengthByName = new Map<string, { inside: number; total: number }>();
  for (const road of geo.roads) {
    if (road.group !== 'back_street' || road.name === UNNAMED_ROAD) continue;
    const l = insideLength(road);
    const acc = lengthByName.get(road.name) ?? { inside: 0, total: 0 };
    lengthByName.set(road.name, { inside: acc.inside + l.inside, total: acc.total + l.total });
  }
  const candidates = [...lengthByName.entries()]
    .filter(([, l]) => l.total > 0 && l.inside / l.total > 0.95 && l.inside >= 80 && l.inside <= 500)
    .map(([name]) => name)
    .sort();
  const chosen = rng.fork('dark-streets').shuffle(candidates);
  const darkStreets = chosen.slice(0, o.darkStreets).sort();
  const sparseStreets = chosen.slice(o.darkStreets, o.darkStreets + o.sparseStreets).sort();
  const dark = new Set(darkStreets);
  const sparse = new Set(sparseStreets);

  const lamps: LampRecord[] = [];
  const inward: { road: Road; project: { year: number; solar: boolean }; p: XY }[] = [];
  const roadYear = new Map<string, { year: number; solar: boolean }>();
  for (const road of geo.roads) {
    if (dark.has(road.name)) continue;
    const key = road.name === UNNAMED_ROAD ? `way${road.wayId}` : `${road.name}|${road.group}`;
    if (!roadYear.has(key)) roadYear.set(key, lightingProject(road, o, rng));
    const project = roadYear.get(key) as { year: number; solar: boolean };
    const spacing = sparse.has(road.name) ? o.sparseSpacingM : o.spacingM[road.group];
    const layout = o.layout[road.group];
    let side = rng.chance(0.5) ? 1 : -1;
    let next = rng.range(0, spacing);
    let travelled = 0;
    for (let i = 0; i + 1 < road.coords.length; i++) {
      const a = geo.frame.toXY(road.coords[i] as LonLat);
      const b = geo.frame.toXY(road.coords[i + 1] as LonLat);
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const n: XY = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
      while (next <= travelled + len) {
        const s = next - travelled;
        const off = o.offsetM[road.group];
        for (const k of layout === 'opposite' ? [side, -side] : [side]) {
          const at = (sign: number): XY => [a[0] + ((b[0] - a[0]) * s) / len + sign * n[0] * off, a[1] + ((b[1] - a[1]) * s) / len + sign * n[1] * off];
          const p = at(k);
          if (geo.contains(p)) lamps.push(lamp(road, project, p, geo, o, rng));
          else if (layout !== 'opposite' && geo.contains(at(-k))) inward.push({ road, project, p: at(-k) });
        }
        if (layout === 'staggered') side = -side;
        next += spacing * rng.range(0.92, 1.08);
      }
      travelled += len;
    }
  }
  lamps.forEach((l, i) => (l.id = `LD${String(i + 1).padStart(5, '0')}`));
  const boundaryRng = rng.fork('boundary-lamps');
  const boundaryLamps = inward.map((w) => lamp(w.road, w.project, w.p, geo, o, boundaryRng));
  boundaryLamps.forEach((l, i) => (l.id = `LD${String(lamps.length + i + 1).padStart(5, '0')}`));
  return { lamps, boundaryLamps, darkStreets, sparseStreets };
}

function lightingProject(road: Road, o: LampOptions, rng: Rng): { year: number; solar: boolean } {
  if (road.group === 'main') return { year: rng.int(2008, 2020), solar: false };
  if (road.group === 'branch') return { year: rng.int(2006, 2021), solar: rng.chance(0.05) };
  const solar = rng.chance(o.solarBackStreetShare);
  return { year: solar ? rng.int(2018, 2025) : rng.int(2000, 2024), solar };
}

function lamp(road: Road, project: { year: number; solar: boolean }, p: XY, geo: Geography, o: LampOptions, rng: Rng): LampRecord {
  // One lamp in ten was replaced after the road's lighting project.
  const year = rng.chance(0.1) ? Math.min(o.asOfYear, project.year + rng.int(1, 8)) : project.year;
  const age = Math.max(0, o.asOfYear - year);
  const r = rng.next();
  const status = r < o.removedShare ? 'removed' : r < o.removedShare + o.faultyBase + o.faultyPerYear * age ? 'faulty' : 'working';
  const type = project.solar ? 'solar' : 'grid';
  const led = year >= 2015;
  const power_w =
    type === 'solar'
      ? road.group === 'back_street'
        ? rng.pick([30, 40])
        : 60
      : road.group === 'main'
        ? led
          ? rng.pick([150, 180])
          : 250
        : road.group === 'branch'
          ? led
            ? rng.pick([100, 120])
            : 150
          : led
            ? rng.pick([40, 60])
            : 80;
  const lonLat = geo.frame.toLonLat(p);
  return {
    id: '',
    type,
    status,
    power_w,
    road: road.name,
    install_year: year,
    schedule_group: road.group,
    // The demo register does not name grids: the pipeline finds each lamp's grid from its position.
    grid_code: '',
    xy: p,
    lonLat: [round6(lonLat[0]), round6(lonLat[1])],
  };
}
