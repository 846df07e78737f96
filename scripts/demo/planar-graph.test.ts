import { describe, expect, it } from 'vitest';
import type { LonLat } from './local-frame';
import { localFrame } from './local-frame';
import type { GraphLine } from './planar-graph';
import { buildPlanarGraph, regionOutline } from './planar-graph';
import { signedArea } from './ring-geometry';

const frame = localFrame(118.78, 32.04);
/** A point `x`, `y` metres east and north of the frame origin. */
const at = (x: number, y: number): LonLat => frame.toLonLat([x, y]);
const line = (tag: number, ...points: [number, number][]): GraphLine => ({ coords: points.map(([x, y]) => at(x, y)), tag });

/** A 2×2 block grid of 100 m blocks, drawn as 3 horizontal and 3 vertical streets that cross without shared nodes. */
function tictactoe(): GraphLine[] {
  const lines: GraphLine[] = [];
  for (const y of [0, 100, 200]) lines.push(line(lines.length, [0, y], [200, y]));
  for (const x of [0, 100, 200]) lines.push(line(lines.length, [x, 0], [x, 200]));
  return lines;
}

const ringArea = (ring: LonLat[]): number => signedArea(ring.slice(0, -1).map((c) => frame.toXY(c)));

describe('buildPlanarGraph', () => {
  it('nodes streets that cross without a shared node and finds the blocks between them', () => {
    const graph = buildPlanarGraph(tictactoe(), frame);
    expect(graph.faces).toHaveLength(4);
    for (const face of graph.faces) expect(face.areaM2).toBeCloseTo(10_000, 0);
  });

  it('drops dangling dead ends, which bound no block', () => {
    const graph = buildPlanarGraph([...tictactoe(), line(99, [50, 50], [50, 80])], frame);
    expect(graph.faces).toHaveLength(4);
    expect(graph.edges.some((e) => e.tag === 99)).toBe(false);
  });

  it('joins a street that ends on another one without a shared node (T-junction)', () => {
    const graph = buildPlanarGraph([...tictactoe(), line(99, [0, 50], [100.1, 50])], frame);
    expect(graph.faces).toHaveLength(5);
  });

  it('joins OSM ways by node id', () => {
    const ids = (n: number[]): number[] => n;
    const square: GraphLine[] = [
      { coords: [at(0, 0), at(50, 0), at(50, 50)], nodeIds: ids([1, 2, 3]), tag: 0 },
      { coords: [at(50, 50), at(0, 50), at(0, 0)], nodeIds: ids([3, 4, 1]), tag: 1 },
    ];
    const graph = buildPlanarGraph(square, frame);
    expect(graph.faces).toHaveLength(1);
    expect(graph.faces[0]?.areaM2).toBeCloseTo(2500, 0);
  });

  it('returns no faces for no lines or for lines that enclose nothing', () => {
    expect(buildPlanarGraph([], frame).faces).toEqual([]);
    expect(buildPlanarGraph([line(0, [0, 0], [100, 0])], frame).faces).toEqual([]);
  });
});

describe('regionOutline', () => {
  it('traces the union of adjacent blocks as one counter-clockwise ring on the shared nodes', () => {
    const graph = buildPlanarGraph(tictactoe(), frame);
    const outline = regionOutline(graph, () => true);
    expect(outline.type).toBe('Polygon');
    if (outline.type !== 'Polygon') return;
    expect(outline.coordinates).toHaveLength(1);
    expect(ringArea(outline.coordinates[0] as LonLat[])).toBeCloseTo(40_000, 0);
  });

  it('gives two parts for two blocks that touch only at a corner', () => {
    const graph = buildPlanarGraph(tictactoe(), frame);
    const diagonal = new Set(graph.faces.filter((f) => {
      const xs = f.ring.map((n) => (graph.xy[n] as [number, number])[0]);
      const ys = f.ring.map((n) => (graph.xy[n] as [number, number])[1]);
      const cx = xs.reduce((s, x) => s + x, 0) / xs.length;
      const cy = ys.reduce((s, y) => s + y, 0) / ys.length;
      return (cx < 100) === (cy < 100);
    }).map((f) => f.index));
    const outline = regionOutline(graph, (f) => diagonal.has(f));
    expect(outline.type).toBe('MultiPolygon');
  });

  it('keeps a hole where the region surrounds a block it does not include', () => {
    const lines: GraphLine[] = [];
    for (const y of [0, 100, 200, 300]) lines.push(line(lines.length, [0, y], [300, y]));
    for (const x of [0, 100, 200, 300]) lines.push(line(lines.length, [x, 0], [x, 300]));
    const graph = buildPlanarGraph(lines, frame);
    const middle = graph.faces.find((f) => f.ring.every((n) => {
      const [x, y] = graph.xy[n] as [number, number];
      return x > 99 && x < 201 && y > 99 && y < 201;
    }));
    const outline = regionOutline(graph, (f) => f !== middle?.index);
    expect(outline.type).toBe('Polygon');
    if (outline.type !== 'Polygon') return;
    expect(outline.coordinates).toHaveLength(2);
    expect(ringArea(outline.coordinates[0] as LonLat[])).toBeGreaterThan(0);
    expect(ringArea(outline.coordinates[1] as LonLat[])).toBeCloseTo(-10_000, 0);
  });

  it('refuses an empty region', () => {
    const graph = buildPlanarGraph(tictactoe(), frame);
    expect(() => regionOutline(graph, () => false)).toThrow(/empty/);
  });
});
