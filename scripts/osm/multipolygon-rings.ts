/**
 * Builds the polygons of an OSM multipolygon relation from its member ways. In OSM a ring is
 * often split over several ways (a lake shore shared with a park boundary), in any order and
 * direction, so the ways have to be joined end to end before anything can be filled.
 * See https://wiki.openstreetmap.org/wiki/Relation:multipolygon/Algorithm
 */
import type { Position } from 'geojson';

/** Node ids of the ways of one role (outer or inner), as the relation lists them. */
export type WayNodeIds = readonly number[];

export interface JoinedRings {
  /** Closed rings as node ids, first id repeated last. */
  rings: number[][];
  /** Chains of ways whose ends never met again, and rings too short to enclose anything. */
  unclosed: number;
}

/**
 * Joins ways into closed rings: a ring that is one closed way is taken as it is; an open way is
 * extended at its end by any unused way that starts or ends there (reversing it if needed) until it
 * comes back to its first node.
 *
 * A chain that cannot be closed (a member missing from the extract, a gap in the data, a branch)
 * is dropped and counted, never closed with a straight line: such a line would cut across the map
 * (a riverbank drawn across town), while a dropped ring only loses that ring. The caller decides
 * what a relation with no outer ring left is worth.
 */
export function joinRings(ways: readonly WayNodeIds[]): JoinedRings {
  const rings: number[][] = [];
  let unclosed = 0;
  const open: WayNodeIds[] = [];
  for (const way of ways) {
    if (way.length >= 2 && way[0] === way[way.length - 1]) {
      if (way.length >= 4) rings.push([...way]);
      else unclosed++; // a closed way of 3 nodes (A-B-A) has no area
    } else if (way.length >= 2) {
      open.push(way);
    } else {
      unclosed++;
    }
  }

  // Ways by each of their end nodes, so finding the next piece is a lookup, not a scan.
  const byEnd = new Map<number, number[]>();
  const addEnd = (node: number, index: number): void => {
    const list = byEnd.get(node);
    if (list) list.push(index);
    else byEnd.set(node, [index]);
  };
  open.forEach((way, i) => {
    addEnd(way[0]!, i);
    addEnd(way[way.length - 1]!, i);
  });

  const used = new Array<boolean>(open.length).fill(false);
  for (let start = 0; start < open.length; start++) {
    if (used[start]) continue;
    used[start] = true;
    const chain = [...open[start]!];
    let closed = false;
    for (;;) {
      const end = chain[chain.length - 1]!;
      if (end === chain[0]) {
        closed = true;
        break;
      }
      const next = byEnd.get(end)?.find((i) => !used[i]);
      if (next === undefined) break;
      used[next] = true;
      const way = open[next]!;
      if (way[0] === end) for (let k = 1; k < way.length; k++) chain.push(way[k]!);
      else for (let k = way.length - 2; k >= 0; k--) chain.push(way[k]!);
    }
    if (closed && chain.length >= 4) rings.push(chain);
    else unclosed++;
  }
  return { rings, unclosed };
}

/** Twice the signed area in degrees² (shoelace): positive when counter-clockwise. */
export function signedRingArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += (a[0]! - b[0]!) * (a[1]! + b[1]!);
  }
  return sum;
}

/** The ring wound as RFC 7946 asks (outer counter-clockwise, holes clockwise), copying only to reverse. */
export function windRing(ring: Position[], outer: boolean): Position[] {
  const ccw = signedRingArea(ring) > 0;
  return ccw === outer ? ring : [...ring].reverse();
}

/** Even-odd ray casting; a point exactly on the boundary may fall either way. */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface AssembledMultipolygon {
  /** Polygons as GeoJSON coordinates: outer ring first, then its holes, RFC 7946 winding. */
  polygons: Position[][][];
  /** Rings dropped because their ways could not be joined into a closed ring. */
  unclosedRings: number;
  /** Inner rings inside no outer ring (a wrong role or a dropped outer), dropped. */
  orphanInners: number;
}

interface Ring {
  ids: number[];
  coords: Position[];
  /** |area| in degrees², only to pick the tightest outer around a hole. */
  area: number;
  bbox: [number, number, number, number];
}

function toRing(ids: number[], coord: (id: number) => Position): Ring {
  const coords = ids.map(coord);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords as [number, number][]) {
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
  return { ids, coords, area: Math.abs(signedRingArea(coords)), bbox };
}

function bboxContains(outer: Ring['bbox'], inner: Ring['bbox']): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/** Whether `inner` lies inside `outer`, judged by a vertex of `inner` that is not on `outer`. */
function ringInside(inner: Ring, outer: Ring): boolean {
  if (!bboxContains(outer.bbox, inner.bbox)) return false;
  const shared = new Set(outer.ids);
  const i = inner.ids.findIndex((id) => !shared.has(id));
  // Every vertex shared (a hole touching the outer all round) cannot be told apart: take it as inside.
  return i < 0 || pointInRing(inner.coords[i]!, outer.coords);
}

/**
 * Joins the outer and inner ways of one relation into polygons. Roles are trusted for which
 * ring is outer; each hole goes to the smallest outer that contains it (islands in a lake in an
 * island nest correctly). `coord` must know every node of every way.
 */
export function assembleMultipolygon(
  outerWays: readonly WayNodeIds[],
  innerWays: readonly WayNodeIds[],
  coord: (id: number) => Position,
): AssembledMultipolygon {
  const outerJoin = joinRings(outerWays);
  const innerJoin = joinRings(innerWays);
  const outers = outerJoin.rings.map((ids) => toRing(ids, coord));
  const holes: Position[][][] = outers.map(() => []);
  let orphanInners = 0;
  for (const inner of innerJoin.rings.map((ids) => toRing(ids, coord))) {
    let best = -1;
    outers.forEach((outer, i) => {
      if ((best < 0 || outer.area < outers[best]!.area) && ringInside(inner, outer)) best = i;
    });
    if (best < 0) orphanInners++;
    else holes[best]!.push(windRing(inner.coords, false));
  }
  return {
    polygons: outers.map((outer, i) => [windRing(outer.coords, true), ...holes[i]!]),
    unclosedRings: outerJoin.unclosed + innerJoin.unclosed,
    orphanInners,
  };
}
