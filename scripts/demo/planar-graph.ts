/**
 * A planar graph of street lines, and the faces (city blocks) it encloses.
 *
 * Every polygon of the demo geography (the sub-district, communities, grids) is a union of faces
 * of one noded graph, traced back out of the graph's edges. Neighbouring polygons therefore share
 * the very same vertices: the levels tile each other exactly, with no sliver or overlap that a
 * floating-point polygon clipper would leave behind.
 *
 * OSM ways meet at shared node ids; lines that cross without one (or a straight cut that ends on
 * a street) are noded here by segment intersection.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { LocalFrame, LonLat, XY } from './local-frame';
import { pointInRing, signedArea } from './ring-geometry';

export interface GraphLine {
  coords: LonLat[];
  /** OSM node ids, one per coordinate, when the line comes from OSM (junctions by id). */
  nodeIds?: number[];
  /** What the line is (a road index, or a cut); carried onto the edges it becomes. */
  tag: number;
}

export interface GraphEdge {
  a: number;
  b: number;
  tag: number;
  lengthM: number;
}

export interface Face {
  index: number;
  /** Node indices around the face, counter-clockwise, not closed. */
  ring: number[];
  /** Half-edge ids around the face (half-edge 2e runs a→b of edge e, 2e+1 runs b→a). */
  halfEdges: number[];
  areaM2: number;
}

export interface PlanarGraph {
  nodes: LonLat[];
  xy: XY[];
  edges: GraphEdge[];
  /** Outgoing half-edges of each node, sorted counter-clockwise by angle. */
  outgoing: number[][];
  /** Bounded faces (the unbounded outside is not a face). */
  faces: Face[];
  /** Face on the left of each half-edge, -1 for the outside. */
  faceOfHalfEdge: Int32Array;
}

export interface GraphOptions {
  /** Vertices closer than this are one node, and an end this close to a line is joined to it. */
  snapM: number;
}

const DEFAULT_OPTIONS: GraphOptions = {
  snapM: 0.3, // below GPS and OSM drawing error; far below any street width
};

/**
 * Nodes the lines, drops dangling ends and bridges (they bound no block) and walks the faces.
 * Keeps only the largest connected piece of the network, so no block has an island inside it.
 */
export function buildPlanarGraph(lines: readonly GraphLine[], frame: LocalFrame, options: Partial<GraphOptions> = {}): PlanarGraph {
  const { snapM } = { ...DEFAULT_OPTIONS, ...options };
  const noded = nodeLines(lines, frame, snapM);
  let alive = noded.edges.map(() => true);
  pruneDangles(noded.nodes.length, noded.edges, alive);
  alive = keepLargestComponent(noded.nodes.length, noded.edges, alive);
  for (;;) {
    const graph = assemble(noded.nodes, noded.xy, noded.edges, alive);
    // A bridge has the same face on both sides; removing it can leave new dangles.
    let bridges = 0;
    graph.edges.forEach((_, e) => {
      if (graph.faceOfHalfEdge[2 * e] === graph.faceOfHalfEdge[2 * e + 1]) bridges++;
    });
    if (bridges === 0) return graph;
    const keep = graph.edges.map((_, e) => graph.faceOfHalfEdge[2 * e] !== graph.faceOfHalfEdge[2 * e + 1]);
    pruneDangles(graph.nodes.length, graph.edges, keep);
    const compact = keepLargestComponent(graph.nodes.length, graph.edges, keep);
    noded.nodes = graph.nodes;
    noded.xy = graph.xy;
    noded.edges = graph.edges;
    alive = compact;
  }
}

interface Noded {
  nodes: LonLat[];
  xy: XY[];
  edges: GraphEdge[];
}

function nodeLines(lines: readonly GraphLine[], frame: LocalFrame, snapM: number): Noded {
  const nodes: LonLat[] = [];
  const xy: XY[] = [];
  const byOsmId = new Map<number, number>();
  const lineNodes: number[][] = [];
  for (const line of lines) {
    const ids: number[] = [];
    line.coords.forEach((c, i) => {
      const osmId = line.nodeIds?.[i];
      let index = osmId === undefined ? undefined : byOsmId.get(osmId);
      if (index === undefined) {
        index = nodes.length;
        nodes.push([c[0], c[1]]);
        xy.push(frame.toXY(c));
        if (osmId !== undefined) byOsmId.set(osmId, index);
      }
      ids.push(index);
    });
    lineNodes.push(ids);
  }

  // Merge nodes closer than snapM (the lower index wins, so OSM nodes beat cut ends).
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  if (nodes.length > 0) {
    const kd = new KDBush(nodes.length);
    for (const p of xy) kd.add(p[0], p[1]);
    kd.finish();
    for (let i = 0; i < nodes.length; i++) {
      const p = xy[i] as XY;
      for (const j of kd.range(p[0] - snapM, p[1] - snapM, p[0] + snapM, p[1] + snapM)) {
        if (j === i || Math.hypot((xy[j] as XY)[0] - p[0], (xy[j] as XY)[1] - p[1]) > snapM) continue;
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }

  interface Segment {
    a: number;
    b: number;
    tag: number;
    splits: { t: number; node: number }[];
  }
  const segments: Segment[] = [];
  lines.forEach((line, li) => {
    const ids = lineNodes[li] as number[];
    for (let i = 0; i + 1 < ids.length; i++) {
      const a = find(ids[i] as number);
      const b = find(ids[i + 1] as number);
      if (a !== b) segments.push({ a, b, tag: line.tag, splits: [] });
    }
  });

  if (segments.length > 0) {
    const index = new Flatbush(segments.length);
    for (const s of segments) {
      const p = xy[s.a] as XY;
      const q = xy[s.b] as XY;
      index.add(Math.min(p[0], q[0]) - snapM, Math.min(p[1], q[1]) - snapM, Math.max(p[0], q[0]) + snapM, Math.max(p[1], q[1]) + snapM);
    }
    index.finish();
    segments.forEach((s, i) => {
      const p = xy[s.a] as XY;
      const q = xy[s.b] as XY;
      const hits = index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]));
      for (const j of hits) {
        if (j <= i) continue;
        const o = segments[j] as Segment;
        if (o.a === s.a || o.a === s.b || o.b === s.a || o.b === s.b) continue;
        const r = xy[o.a] as XY;
        const u = xy[o.b] as XY;
        // An end of one segment lying on the other: a T-junction drawn without a shared node.
        let touched = false;
        for (const [end, seg, target] of [
          [o.a, s, r],
          [o.b, s, u],
          [s.a, o, p],
          [s.b, o, q],
        ] as [number, Segment, XY][]) {
          const t = projectInterior(target, xy[seg.a] as XY, xy[seg.b] as XY, snapM);
          if (t !== null) {
            seg.splits.push({ t, node: end });
            touched = true;
          }
        }
        if (touched) continue;
        const hit = properIntersection(p, q, r, u);
        if (hit === null) continue;
        const node = nodes.length;
        xy.push([p[0] + hit.t * (q[0] - p[0]), p[1] + hit.t * (q[1] - p[1])]);
        nodes.push(frame.toLonLat(xy[node] as XY));
        parent.push(node);
        s.splits.push({ t: hit.t, node });
        o.splits.push({ t: hit.u, node });
      }
    });
  }

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const s of segments) {
    const chain = [s.a, ...s.splits.sort((x, y) => x.t - y.t).map((x) => x.node), s.b];
    for (let i = 0; i + 1 < chain.length; i++) {
      const a = chain[i] as number;
      const b = chain[i + 1] as number;
      if (a === b) continue;
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (seen.has(key)) continue; // two ways drawn over the same stretch
      seen.add(key);
      const pa = xy[a] as XY;
      const pb = xy[b] as XY;
      edges.push({ a, b, tag: s.tag, lengthM: Math.hypot(pa[0] - pb[0], pa[1] - pb[1]) });
    }
  }
  return { nodes, xy, edges };
}

/** Parameter t ∈ (0,1) where point p lies on segment ab within tol, away from its ends. */
function projectInterior(p: XY, a: XY, b: XY, tol: number): number | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return null;
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  const len = Math.sqrt(len2);
  if (t * len <= tol || (1 - t) * len <= tol) return null;
  const cx = a[0] + t * dx - p[0];
  const cy = a[1] + t * dy - p[1];
  return Math.hypot(cx, cy) <= tol ? t : null;
}

function properIntersection(p: XY, q: XY, r: XY, s: XY): { t: number; u: number } | null {
  const d1x = q[0] - p[0];
  const d1y = q[1] - p[1];
  const d2x = s[0] - r[0];
  const d2y = s[1] - r[1];
  const den = d1x * d2y - d1y * d2x;
  if (Math.abs(den) < 1e-12) return null; // parallel: overlapping ways are deduplicated instead
  const t = ((r[0] - p[0]) * d2y - (r[1] - p[1]) * d2x) / den;
  const u = ((r[0] - p[0]) * d1y - (r[1] - p[1]) * d1x) / den;
  const eps = 1e-9;
  if (t <= eps || t >= 1 - eps || u <= eps || u >= 1 - eps) return null;
  return { t, u };
}

function pruneDangles(nodeCount: number, edges: readonly GraphEdge[], alive: boolean[]): void {
  const degree = new Int32Array(nodeCount);
  const incident: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach((e, i) => {
    if (!alive[i]) return;
    degree[e.a] = (degree[e.a] as number) + 1;
    degree[e.b] = (degree[e.b] as number) + 1;
    (incident[e.a] as number[]).push(i);
    (incident[e.b] as number[]).push(i);
  });
  const stack: number[] = [];
  for (let n = 0; n < nodeCount; n++) if (degree[n] === 1) stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (degree[n] !== 1) continue;
    for (const e of incident[n] as number[]) {
      if (!alive[e]) continue;
      alive[e] = false;
      const edge = edges[e] as GraphEdge;
      const other = edge.a === n ? edge.b : edge.a;
      degree[n] = (degree[n] as number) - 1;
      degree[other] = (degree[other] as number) - 1;
      if (degree[other] === 1) stack.push(other);
    }
  }
}

function keepLargestComponent(nodeCount: number, edges: readonly GraphEdge[], alive: readonly boolean[]): boolean[] {
  const parent = Array.from({ length: nodeCount }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  edges.forEach((e, i) => {
    if (!alive[i]) return;
    const a = find(e.a);
    const b = find(e.b);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  });
  const size = new Map<number, number>();
  edges.forEach((e, i) => {
    if (alive[i]) size.set(find(e.a), (size.get(find(e.a)) ?? 0) + 1);
  });
  let best = -1;
  let bestSize = 0;
  for (const [root, n] of size) {
    if (n > bestSize || (n === bestSize && root < best)) {
      best = root;
      bestSize = n;
    }
  }
  return edges.map((e, i) => alive[i] === true && find(e.a) === best);
}

/** Compacts the live edges and walks the faces (each face on the left of its half-edges). */
function assemble(allNodes: LonLat[], allXy: XY[], allEdges: readonly GraphEdge[], alive: readonly boolean[]): PlanarGraph {
  const remap = new Int32Array(allNodes.length).fill(-1);
  const nodes: LonLat[] = [];
  const xy: XY[] = [];
  const edges: GraphEdge[] = [];
  const use = (n: number): number => {
    if (remap[n] === -1) {
      remap[n] = nodes.length;
      nodes.push(allNodes[n] as LonLat);
      xy.push(allXy[n] as XY);
    }
    return remap[n] as number;
  };
  allEdges.forEach((e, i) => {
    if (alive[i]) edges.push({ ...e, a: use(e.a), b: use(e.b) });
  });

  const outgoing: number[][] = nodes.map(() => []);
  const angle = new Float64Array(edges.length * 2);
  edges.forEach((e, i) => {
    const pa = xy[e.a] as XY;
    const pb = xy[e.b] as XY;
    angle[2 * i] = Math.atan2(pb[1] - pa[1], pb[0] - pa[0]);
    angle[2 * i + 1] = Math.atan2(pa[1] - pb[1], pa[0] - pb[0]);
    (outgoing[e.a] as number[]).push(2 * i);
    (outgoing[e.b] as number[]).push(2 * i + 1);
  });
  for (const list of outgoing) list.sort((h, g) => (angle[h] as number) - (angle[g] as number) || h - g);
  const position = new Int32Array(edges.length * 2);
  for (const list of outgoing) list.forEach((h, i) => (position[h] = i));

  const origin = (h: number): number => {
    const e = edges[h >> 1] as GraphEdge;
    return h & 1 ? e.b : e.a;
  };
  const next = (h: number): number => {
    // Arriving at v along h, leave by the first edge clockwise from the way back: the face stays left.
    const twin = h ^ 1;
    const v = origin(twin);
    const list = outgoing[v] as number[];
    const i = position[twin] as number;
    return list[(i - 1 + list.length) % list.length] as number;
  };

  const faceOfHalfEdge = new Int32Array(edges.length * 2).fill(-2);
  const faces: Face[] = [];
  const outsideRings: number[][] = [];
  for (let start = 0; start < edges.length * 2; start++) {
    if (faceOfHalfEdge[start] !== -2) continue;
    const halfEdges: number[] = [];
    let h = start;
    do {
      halfEdges.push(h);
      faceOfHalfEdge[h] = -3;
      h = next(h);
    } while (h !== start);
    const ring = halfEdges.map(origin);
    const area = signedArea(ring.map((n) => xy[n] as XY));
    if (area > 0) {
      const index = faces.length;
      faces.push({ index, ring, halfEdges, areaM2: area });
      for (const g of halfEdges) faceOfHalfEdge[g] = index;
    } else {
      outsideRings.push(halfEdges);
      for (const g of halfEdges) faceOfHalfEdge[g] = -1;
    }
  }
  return { nodes, xy, edges, outgoing, faces, faceOfHalfEdge };
}


export function halfEdgeOrigin(graph: PlanarGraph, h: number): number {
  const e = graph.edges[h >> 1] as GraphEdge;
  return h & 1 ? e.b : e.a;
}

/** A point just inside a face: 1 cm to the left of the middle of its longest edge. */
export function faceInteriorPoint(graph: PlanarGraph, face: Face): XY {
  let best = face.halfEdges[0] as number;
  let bestLength = -1;
  for (const h of face.halfEdges) {
    const len = (graph.edges[h >> 1] as GraphEdge).lengthM;
    if (len > bestLength) {
      bestLength = len;
      best = h;
    }
  }
  const a = graph.xy[halfEdgeOrigin(graph, best)] as XY;
  const b = graph.xy[halfEdgeOrigin(graph, best ^ 1)] as XY;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const offset = Math.min(0.01, len / 100);
  return [(a[0] + b[0]) / 2 - ((b[1] - a[1]) / len) * offset, (a[1] + b[1]) / 2 + ((b[0] - a[0]) / len) * offset];
}


/** GeoJSON coordinates of a Polygon (one outer ring) or MultiPolygon. */
export type PolygonCoords = { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'MultiPolygon'; coordinates: LonLat[][][] };

/**
 * The outline of a set of faces, traced along the edges that have one side in the set:
 * counter-clockwise outer rings, clockwise holes (RFC 7946), vertices shared with the neighbours.
 */
export function regionOutline(graph: PlanarGraph, inRegion: (face: number) => boolean): PolygonCoords {
  const isBoundary = (h: number): boolean => {
    const left = graph.faceOfHalfEdge[h] as number;
    const right = graph.faceOfHalfEdge[h ^ 1] as number;
    return left >= 0 && inRegion(left) && !(right >= 0 && inRegion(right));
  };
  const position = new Map<number, number>();
  for (const list of graph.outgoing) list.forEach((h, i) => position.set(h, i));
  const visited = new Set<number>();
  const rings: number[][] = [];
  for (let start = 0; start < graph.edges.length * 2; start++) {
    if (visited.has(start) || !isBoundary(start)) continue;
    const ring: number[] = [];
    let h = start;
    do {
      visited.add(h);
      ring.push(halfEdgeOrigin(graph, h));
      const twin = h ^ 1;
      const list = graph.outgoing[halfEdgeOrigin(graph, twin)] as number[];
      let i = position.get(twin) as number;
      // Turn clockwise from the way back until the first edge that still has the region on its left.
      do {
        i = (i - 1 + list.length) % list.length;
      } while (!isBoundary(list[i] as number));
      h = list[i] as number;
    } while (h !== start);
    rings.push(ring);
  }

  const outers: { ring: number[]; area: number }[] = [];
  const holes: number[][] = [];
  for (const ring of rings) {
    const area = signedArea(ring.map((n) => graph.xy[n] as XY));
    if (area > 0) outers.push({ ring, area });
    else holes.push(ring);
  }
  if (outers.length === 0) throw new Error('regionOutline: the region is empty');
  outers.sort((a, b) => a.area - b.area);
  const holesOf: number[][][] = outers.map(() => []);
  for (const hole of holes) {
    // A point just outside the hole (its left side) lies in the outer ring that holds it.
    const a = graph.xy[hole[0] as number] as XY;
    const b = graph.xy[hole[1] as number] as XY;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const probe: XY = [(a[0] + b[0]) / 2 - ((b[1] - a[1]) / len) * 0.01, (a[1] + b[1]) / 2 + ((b[0] - a[0]) / len) * 0.01];
    const owner = outers.findIndex((o) => pointInRing(probe, o.ring.map((n) => graph.xy[n] as XY)));
    (holesOf[owner >= 0 ? owner : outers.length - 1] as number[][]).push(hole);
  }
  const close = (ring: number[]): LonLat[] => {
    const coords = ring.map((n) => graph.nodes[n] as LonLat);
    coords.push(coords[0] as LonLat);
    return coords;
  };
  // Largest part first, so a reader that keeps only one part keeps the one that matters.
  const polygons = outers.map((o, i) => [close(o.ring), ...(holesOf[i] as number[][]).map(close)]).reverse();
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0] as LonLat[][] };
  return { type: 'MultiPolygon', coordinates: polygons };
}
