/**
 * The grid hierarchy of DOMAIN.md laid on the cells: communities (groups of major blocks, so
 * their borders are main and branch roads), 片区 (groups of communities), level-4 grids (groups
 * of cells inside a community) and level-5 grids (groups of cells inside a level-4 grid, or the
 * whole grid with the suffix `00`). Every polygon is traced from the one planar graph, so each
 * level tiles its parent exactly.
 *
 * Codes follow the statistical-division scheme (src/contract/codes.ts); sequence numbers run
 * west→east, north→south. Geometry and codes depend on the OSM extract only, not on the seed.
 */
import { childCode, UNDIVIDED_L5_SUFFIX } from '../../src/contract';
import type { Geography } from './geography';
import type { XY } from './local-frame';
import type { PolygonCoords } from './planar-graph';
import { regionOutline } from './planar-graph';
import type { RegionLink, RegionUnit } from './regions';
import { apportion, growRegions } from './regions';

export const GRID_DEFAULTS = {
  communities: 7,
  areas: 3,
  gridsL4: 100,
  gridsL5: 250,
  /** Most level-5 grids one level-4 grid is split into. */
  maxL5PerL4: 4,
  /** The lightest level-4 grids (this share of them) stay whole: level-5 code suffix `00`. */
  undividedShare: 0.15,
  /**
   * How strongly cells stick together across what separates them: grids grow across straight
   * cuts and lanes first, across main roads last, so grid borders follow the big streets.
   */
  affinity: { cut: 1, back_street: 0.35, branch: 0.08, main: 0.02 },
  /** Balance regions on this share of households; the rest is area (a campus is still a grid). */
  householdShare: 0.5,
};
export type GridOptions = typeof GRID_DEFAULTS;

export interface GridUnit {
  code: string;
  cells: number[];
  outline: PolygonCoords;
  areaM2: number;
  households: number;
  /** Area-weighted centre of the cells, metres (used for west→east, north→south order). */
  centre: XY;
}

export interface CommunityGeometry extends GridUnit {
  areaCode: string;
  grids: GridL4Geometry[];
}
export interface GridL4Geometry extends GridUnit {
  communityCode: string;
  /** Sequence within the community, 1-based. */
  sequence: number;
  children: GridL5Geometry[];
}
export interface GridL5Geometry extends GridUnit {
  gridCode: string;
}
export interface AreaGeometry {
  code: string;
  communityCodes: string[];
  centre: XY;
}

export interface GridGeometry {
  areas: AreaGeometry[];
  communities: CommunityGeometry[];
  gridsL4: GridL4Geometry[];
  gridsL5: GridL5Geometry[];
  /** Level-5 grid index (into gridsL5) of each cell. */
  l5OfCell: Int32Array;
}

/**
 * @param householdsOfCell households living in each cell (from the buildings inside it)
 */
export function partitionGrids(
  geo: Geography,
  subDistrictCode: string,
  householdsOfCell: readonly number[],
  options: Partial<GridOptions> = {},
): GridGeometry {
  const o = { ...GRID_DEFAULTS, ...options, affinity: { ...GRID_DEFAULTS.affinity, ...options.affinity } };
  const cells = geo.cells;
  const hh = (c: number): number => householdsOfCell[c] ?? 0;
  const totalArea = cells.reduce((s, c) => s + c.areaM2, 0);
  const totalHh = cells.reduce((s, c) => s + hh(c.index), 0);
  const cellWeight = (c: number): number =>
    (1 - o.householdShare) * ((cells[c]?.areaM2 ?? 0) / totalArea) + o.householdShare * (totalHh > 0 ? hh(c) / totalHh : 0);

  const summarise = (members: readonly number[]): { areaM2: number; households: number; centre: XY; weight: number } => {
    let areaM2 = 0;
    let households = 0;
    let x = 0;
    let y = 0;
    let weight = 0;
    for (const c of members) {
      const cell = cells[c];
      if (!cell) continue;
      areaM2 += cell.areaM2;
      households += hh(c);
      x += cell.centroid[0] * cell.areaM2;
      y += cell.centroid[1] * cell.areaM2;
      weight += cellWeight(c);
    }
    return { areaM2, households, centre: [x / areaM2, y / areaM2], weight };
  };
  const affinityOf = (l: (typeof geo.links)[number]): number =>
    l.lengthM.cut * o.affinity.cut + l.lengthM.back_street * o.affinity.back_street + l.lengthM.branch * o.affinity.branch + l.lengthM.main * o.affinity.main;

  /** Groups `groups` (each a list of cells) into k regions; returns the member groups of each. */
  const groupInto = (groups: readonly number[][], k: number): number[][] => {
    const groupOfCell = new Map<number, number>();
    groups.forEach((g, i) => g.forEach((c) => groupOfCell.set(c, i)));
    const units: RegionUnit[] = groups.map((g) => {
      const s = summarise(g);
      return { centroid: s.centre, weight: s.weight };
    });
    const links: RegionLink[] = [];
    for (const l of geo.links) {
      const a = groupOfCell.get(l.a);
      const b = groupOfCell.get(l.b);
      if (a === undefined || b === undefined || a === b) continue;
      links.push({ a, b, affinity: affinityOf(l) });
    }
    const region = growRegions(units, links, k);
    const out: number[][] = Array.from({ length: Math.min(k, groups.length) }, () => []);
    region.forEach((r, i) => (out[r] as number[]).push(i));
    return out.filter((members) => members.length > 0);
  };
  const cellsOf = (groups: readonly number[][], members: readonly number[]): number[] =>
    members.flatMap((g) => groups[g] as number[]).sort((a, b) => a - b);
  const outlineOf = (members: readonly number[]): PolygonCoords => {
    const set = new Set(members);
    return regionOutline(geo.graph, (f) => set.has(geo.cellOfFace[f] as number));
  };
  const unit = (code: string, members: number[]): GridUnit => {
    const s = summarise(members);
    return { code, cells: members, outline: outlineOf(members), areaM2: s.areaM2, households: s.households, centre: s.centre };
  };

  // Communities: groups of major blocks.
  const communityCells = readingOrder(
    groupInto(geo.blocks, o.communities).map((members) => cellsOf(geo.blocks, members)),
    (members) => summarise(members).centre,
  );
  // 片区: groups of communities, coded west to east.
  const communityAreas = groupInto(communityCells, o.areas);
  const areaOfCommunity = new Map<number, number>();
  const areas: AreaGeometry[] = readingOrder(communityAreas, (members) => summarise(cellsOf(communityCells, members)).centre, true).map(
    (members, i) => {
      members.forEach((m) => areaOfCommunity.set(m, i));
      return {
        code: `PQ${String(i + 1).padStart(2, '0')}`,
        communityCodes: [...members].sort((a, b) => a - b).map((m) => childCode(subDistrictCode, 3, m + 1)),
        centre: summarise(cellsOf(communityCells, members)).centre,
      };
    },
  );

  const l4Shares = apportion(
    o.gridsL4,
    communityCells.map((members) => summarise(members).weight),
    1,
  ).map((k, i) => Math.min(k, (communityCells[i] as number[]).length));

  const communities: CommunityGeometry[] = [];
  const gridsL4: GridL4Geometry[] = [];
  const l4Cells: number[][] = [];
  communityCells.forEach((members, ci) => {
    const code = childCode(subDistrictCode, 3, ci + 1);
    const singles = members.map((c) => [c]);
    const grids = readingOrder(
      groupInto(singles, l4Shares[ci] as number).map((g) => cellsOf(singles, g)),
      (m) => summarise(m).centre,
    );
    const community: CommunityGeometry = {
      ...unit(code, members),
      areaCode: areas[areaOfCommunity.get(ci) as number]?.code ?? 'PQ01',
      grids: [],
    };
    grids.forEach((gridMembers, gi) => {
      const grid: GridL4Geometry = { ...unit(childCode(code, 3, gi + 1), gridMembers), communityCode: code, sequence: gi + 1, children: [] };
      community.grids.push(grid);
      gridsL4.push(grid);
      l4Cells.push(gridMembers);
    });
    communities.push(community);
  });

  // Level 5: the total shared out by weight, capped by what each grid's cells allow.
  const l4Weights = l4Cells.map((m) => summarise(m).weight);
  const lightest = new Set(
    l4Weights
      .map((w, i) => [w, i] as [number, number])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1])
      .slice(0, Math.round(o.undividedShare * l4Weights.length))
      .map(([, i]) => i),
  );
  const caps = l4Cells.map((m, i) => (lightest.has(i) ? 1 : Math.min(o.maxL5PerL4, m.length)));
  const l5Shares = capApportion(o.gridsL5, l4Weights, caps);
  const gridsL5: GridL5Geometry[] = [];
  const l5OfCell = new Int32Array(cells.length).fill(-1);
  gridsL4.forEach((grid, gi) => {
    const k = l5Shares[gi] as number;
    const parts =
      k <= 1
        ? [grid.cells]
        : readingOrder(
            groupInto(
              grid.cells.map((c) => [c]),
              k,
            ).map((g) => g.map((i) => grid.cells[i] as number).sort((a, b) => a - b)),
            (m) => summarise(m).centre,
          );
    parts.forEach((members, pi) => {
      const code = parts.length === 1 ? grid.code + UNDIVIDED_L5_SUFFIX : childCode(grid.code, 2, pi + 1);
      const child: GridL5Geometry = { ...unit(code, members), gridCode: grid.code };
      for (const c of members) l5OfCell[c] = gridsL5.length;
      grid.children.push(child);
      gridsL5.push(child);
    });
  });
  return { areas, communities, gridsL4, gridsL5, l5OfCell };
}

/**
 * Orders groups the way DOMAIN.md numbers grids: north→south in rows, west→east within a row.
 * A row is a band about as tall as a typical group. `westToEast` orders by x only.
 */
export function readingOrder<T>(groups: readonly T[], centreOf: (g: T) => XY, westToEast = false): T[] {
  const centres = groups.map(centreOf);
  if (westToEast) return groups.map((g, i) => ({ g, i })).sort((a, b) => (centres[a.i] as XY)[0] - (centres[b.i] as XY)[0] || a.i - b.i).map((x) => x.g);
  let minY = Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const c of centres) {
    minY = Math.min(minY, c[1]);
    maxY = Math.max(maxY, c[1]);
    minX = Math.min(minX, c[0]);
    maxX = Math.max(maxX, c[0]);
  }
  // Rows of height ≈ the side of a square group, so a 4×4 layout reads as 4 rows.
  const band = Math.max(1, Math.sqrt(((maxX - minX + 1) * (maxY - minY + 1)) / Math.max(1, groups.length)));
  return groups
    .map((g, i) => ({ g, i, row: Math.floor((maxY - (centres[i] as XY)[1]) / band) }))
    .sort((a, b) => a.row - b.row || (centres[a.i] as XY)[0] - (centres[b.i] as XY)[0] || a.i - b.i)
    .map((x) => x.g);
}

/** Largest-remainder apportionment with a floor of 1 and a cap per share. */
function capApportion(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const shares = apportion(total, weights, 1).map((s, i) => Math.min(s, caps[i] as number));
  // Hand what the caps cut off to the heaviest grids that still have room.
  let rest = total - shares.reduce((s, v) => s + v, 0);
  const order = weights.map((w, i) => [w, i] as [number, number]).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  while (rest > 0) {
    let moved = false;
    for (const [, i] of order) {
      if (rest <= 0) break;
      if ((shares[i] as number) < (caps[i] as number)) {
        shares[i] = (shares[i] as number) + 1;
        rest--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return shares;
}
