/**
 * The demo sub-district on real ground: the blocks of the OSM street network, the choice of a
 * contiguous set of them as 梧桐街道, and the cells (blocks, or straight-cut parts of big blocks)
 * that every grid level is assembled from.
 *
 * The geometry depends on the OSM extract only, never on the seed: benchmarks that vary the seed
 * still run over the same ground.
 */
import Flatbush from 'flatbush';
import type { LocalFrame, LonLat, XY } from './local-frame';
import type { PlanarGraph, PolygonCoords } from './planar-graph';
import { buildPlanarGraph, faceInteriorPoint, regionOutline } from './planar-graph';
import { pointInRing, ringBbox, ringCentroid } from './ring-geometry';
import type { Road, RoadGroup } from './roads';
import { isMajorGroup } from './roads';
import { balancedSeeds, piecesFor, voronoiCuts } from './straight-cuts';

export const GEOGRAPHY_DEFAULTS = {
  /**
   * Blocks cut off by the edge of the extract (bounded there by a back street, not a main road)
   * are kept only if they hold this many mapped buildings per hectare: the empty fringe is where
   * the extract simply has no buildings, not where the sub-district would end.
   */
  minFringeBuildingsPerHa: 0.6,
  /** A block larger than this is cut into pieces (≈ the size of the smallest level-5 grids). */
  maxCellAreaM2: 12_000,
  /** A strip longer than this is cut across (keeps thin blocks between parallel roads compact). */
  maxCellLengthM: 200,
};
export type GeographyOptions = typeof GEOGRAPHY_DEFAULTS;

/** The tag of graph edges that are straight cuts rather than streets. */
export const CUT_TAG = -1;

export interface Cell {
  index: number;
  /** Face of the planar graph this cell is. */
  face: number;
  /** Major block (bounded by main and branch roads) the cell lies in. */
  block: number;
  ring: XY[];
  areaM2: number;
  /** Area centroid, metres. */
  centroid: XY;
  bbox: [number, number, number, number];
}

/** Two cells that share a stretch of boundary, and what runs along it. */
export interface CellLink {
  a: number;
  b: number;
  /** Shared length by what separates the cells: a cut, or a street of a group. */
  lengthM: Record<RoadGroup | 'cut', number>;
}

export interface Geography {
  frame: LocalFrame;
  roads: Road[];
  graph: PlanarGraph;
  cells: Cell[];
  links: CellLink[];
  /** Cell indices of each major block. */
  blocks: number[][];
  /** Graph face → cell index, -1 outside the sub-district. */
  cellOfFace: Int32Array;
  boundary: PolygonCoords;
  areaM2: number;
  /** The cell containing a point (metres), or -1 outside the sub-district. */
  cellAt(p: XY): number;
  /** Whether a point (metres) lies inside the sub-district. */
  contains(p: XY): boolean;
}

export interface GeographyInput {
  frame: LocalFrame;
  roads: Road[];
  /** Centroids of mapped buildings (metres): where the extract actually has a city. */
  buildingPoints: XY[];
  options?: Partial<GeographyOptions>;
}

export function buildGeography(input: GeographyInput): Geography {
  const options = { ...GEOGRAPHY_DEFAULTS, ...input.options };
  const { frame, roads } = input;
  const roadLines = roads.map((r, i) => ({ coords: r.coords, nodeIds: r.nodeIds, tag: i }));
  const coarse = buildPlanarGraph(roadLines, frame);
  const coarseBlocks = majorBlocks(coarse, roads, (f) => f >= 0);
  const selected = chooseSubDistrict(coarse, roads, coarseBlocks, input.buildingPoints, options.minFringeBuildingsPerHa);

  // Cut the chosen faces that are too big or too long, then node the cuts into the street graph.
  const cutLines: { coords: LonLat[]; tag: number }[] = [];
  for (const face of coarse.faces) {
    if (!selected[face.index]) continue;
    const ring = face.ring.map((n) => coarse.xy[n] as XY);
    const k = piecesFor(ring, options.maxCellAreaM2, options.maxCellLengthM);
    if (k < 2) continue;
    for (const [p, q] of voronoiCuts(ring, balancedSeeds(ring, k))) {
      cutLines.push({ coords: [frame.toLonLat(p), frame.toLonLat(q)], tag: CUT_TAG });
    }
  }
  const graph = buildPlanarGraph([...roadLines, ...cutLines], frame);

  // Each fine face lies in exactly one coarse face: find it from a point just inside.
  const coarseIndex = new Flatbush(Math.max(1, coarse.faces.length));
  const coarseRings = coarse.faces.map((f) => f.ring.map((n) => coarse.xy[n] as XY));
  for (const ring of coarseRings) coarseIndex.add(...ringBbox(ring));
  if (coarse.faces.length === 0) coarseIndex.add(0, 0, 0, 0);
  coarseIndex.finish();
  const cellOfFace = new Int32Array(graph.faces.length).fill(-1);
  const cells: Cell[] = [];
  const blockOfCoarseFace = new Int32Array(coarse.faces.length).fill(-1);
  coarseBlocks.forEach((faces, b) => faces.forEach((f) => (blockOfCoarseFace[f] = b)));
  const blockRemap = new Map<number, number>();
  for (const face of graph.faces) {
    const probe = faceInteriorPoint(graph, face);
    const owner = coarseIndex
      .search(probe[0], probe[1], probe[0], probe[1])
      .find((c) => pointInRing(probe, coarseRings[c] as XY[]));
    if (owner === undefined || !selected[owner]) continue;
    const coarseBlock = blockOfCoarseFace[owner] as number;
    if (!blockRemap.has(coarseBlock)) blockRemap.set(coarseBlock, blockRemap.size);
    const ring = face.ring.map((n) => graph.xy[n] as XY);
    cellOfFace[face.index] = cells.length;
    cells.push({
      index: cells.length,
      face: face.index,
      block: blockRemap.get(coarseBlock) as number,
      ring,
      areaM2: face.areaM2,
      centroid: ringCentroid(ring),
      bbox: ringBbox(ring),
    });
  }
  const blocks: number[][] = Array.from({ length: blockRemap.size }, () => []);
  for (const cell of cells) (blocks[cell.block] as number[]).push(cell.index);

  const links = cellLinks(graph, roads, cellOfFace);
  const boundary = regionOutline(graph, (f) => (cellOfFace[f] as number) >= 0);
  const areaM2 = cells.reduce((s, c) => s + c.areaM2, 0);

  const index = new Flatbush(Math.max(1, cells.length));
  for (const cell of cells) index.add(...cell.bbox);
  if (cells.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const cellAt = (p: XY): number => {
    for (const c of index.search(p[0], p[1], p[0], p[1])) {
      const cell = cells[c];
      if (cell && pointInRing(p, cell.ring)) return c;
    }
    return -1;
  };
  return { frame, roads, graph, cells, links, blocks, cellOfFace, boundary, areaM2, cellAt, contains: (p) => cellAt(p) >= 0 };
}

/** Faces joined across anything but main and branch roads: the big blocks of the city. */
function majorBlocks(graph: PlanarGraph, roads: readonly Road[], include: (face: number) => boolean): number[][] {
  const parent = graph.faces.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  graph.edges.forEach((e, i) => {
    const road = roads[e.tag];
    if (road && isMajorGroup(road.group)) return;
    const a = graph.faceOfHalfEdge[2 * i] as number;
    const b = graph.faceOfHalfEdge[2 * i + 1] as number;
    if (a < 0 || b < 0 || !include(a) || !include(b)) return;
    const x = find(a);
    const y = find(b);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  });
  const byRoot = new Map<number, number[]>();
  for (const face of graph.faces) {
    if (!include(face.index)) continue;
    const root = find(face.index);
    if (!byRoot.has(root)) byRoot.set(root, []);
    (byRoot.get(root) as number[]).push(face.index);
  }
  return [...byRoot.values()];
}

/**
 * The sub-district: every major block except the nearly empty fringe of the extract; then the
 * largest connected group of them, with any block it encloses filled in (no holes).
 */
function chooseSubDistrict(
  graph: PlanarGraph,
  roads: readonly Road[],
  blocks: readonly number[][],
  buildingPoints: readonly XY[],
  minFringeBuildingsPerHa: number,
): boolean[] {
  const blockOfFace = new Int32Array(graph.faces.length).fill(-1);
  blocks.forEach((faces, b) => faces.forEach((f) => (blockOfFace[f] = b)));
  const rings = graph.faces.map((f) => f.ring.map((n) => graph.xy[n] as XY));
  const index = new Flatbush(Math.max(1, rings.length));
  for (const ring of rings) index.add(...ringBbox(ring));
  if (rings.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const buildings = new Float64Array(blocks.length);
  for (const p of buildingPoints) {
    const f = index.search(p[0], p[1], p[0], p[1]).find((i) => pointInRing(p, rings[i] as XY[]));
    if (f === undefined) continue;
    const b = blockOfFace[f] as number;
    buildings[b] = (buildings[b] as number) + 1;
  }

  const fringe = new Array<boolean>(blocks.length).fill(false);
  const neighbours: Set<number>[] = blocks.map(() => new Set());
  graph.edges.forEach((e, i) => {
    const a = graph.faceOfHalfEdge[2 * i] as number;
    const b = graph.faceOfHalfEdge[2 * i + 1] as number;
    if (a >= 0 && b >= 0) {
      const x = blockOfFace[a] as number;
      const y = blockOfFace[b] as number;
      if (x !== y) {
        (neighbours[x] as Set<number>).add(y);
        (neighbours[y] as Set<number>).add(x);
      }
      return;
    }
    const inner = a >= 0 ? a : b;
    const road = roads[e.tag];
    if (inner >= 0 && road && !isMajorGroup(road.group)) fringe[blockOfFace[inner] as number] = true;
  });
  const touchesOutside = blocks.map((faces) =>
    faces.some((f) => (graph.faces[f]?.halfEdges ?? []).some((h) => graph.faceOfHalfEdge[h ^ 1] === -1)),
  );

  const keep = blocks.map((faces, b) => {
    const areaHa = faces.reduce((s, f) => s + (graph.faces[f]?.areaM2 ?? 0), 0) / 1e4;
    return !(fringe[b] && (buildings[b] as number) / areaHa < minFringeBuildingsPerHa);
  });

  // Largest connected group of kept blocks, by area.
  const component = new Int32Array(blocks.length).fill(-1);
  let best = -1;
  let bestArea = -1;
  for (let start = 0; start < blocks.length; start++) {
    if (!keep[start] || component[start] !== -1) continue;
    let area = 0;
    const stack = [start];
    component[start] = start;
    while (stack.length > 0) {
      const b = stack.pop() as number;
      area += (blocks[b] as number[]).reduce((s, f) => s + (graph.faces[f]?.areaM2 ?? 0), 0);
      for (const n of neighbours[b] as Set<number>) {
        if (keep[n] && component[n] === -1) {
          component[n] = start;
          stack.push(n);
        }
      }
    }
    if (area > bestArea) {
      bestArea = area;
      best = start;
    }
  }
  const inside = blocks.map((_, b) => component[b] === best);
  // Fill holes: a block not reachable from the outside without crossing the chosen ones.
  const reachable = blocks.map((_, b) => !inside[b] && (touchesOutside[b] as boolean));
  const stack = reachable.flatMap((r, b) => (r ? [b] : []));
  while (stack.length > 0) {
    const b = stack.pop() as number;
    for (const n of neighbours[b] as Set<number>) {
      if (!inside[n] && !reachable[n]) {
        reachable[n] = true;
        stack.push(n);
      }
    }
  }
  const selectedBlock = blocks.map((_, b) => inside[b] || !reachable[b]);
  return graph.faces.map((f) => selectedBlock[blockOfFace[f.index] as number] === true);
}

function cellLinks(graph: PlanarGraph, roads: readonly Road[], cellOfFace: Int32Array): CellLink[] {
  const byPair = new Map<string, CellLink>();
  graph.edges.forEach((e, i) => {
    const fa = graph.faceOfHalfEdge[2 * i] as number;
    const fb = graph.faceOfHalfEdge[2 * i + 1] as number;
    if (fa < 0 || fb < 0) return;
    const a = cellOfFace[fa] as number;
    const b = cellOfFace[fb] as number;
    if (a < 0 || b < 0 || a === b) return;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    let link = byPair.get(key);
    if (!link) {
      link = { a: Math.min(a, b), b: Math.max(a, b), lengthM: { main: 0, branch: 0, back_street: 0, cut: 0 } };
      byPair.set(key, link);
    }
    const kind = e.tag === CUT_TAG ? 'cut' : (roads[e.tag] as Road).group;
    link.lengthM[kind] += e.lengthM;
  });
  return [...byPair.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}
