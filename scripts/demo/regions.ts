/**
 * Groups adjacent units (cells, blocks) into k contiguous regions of similar weight, the way a
 * grid office divides a community: start from k spread-out seeds, then let the lightest region
 * take the neighbouring unit it shares most boundary with. Links carry an affinity so regions
 * grow across straight cuts and lanes before they grow across main roads; boundaries then follow
 * the big streets wherever the sizes allow.
 */
import type { XY } from './local-frame';

export interface RegionUnit {
  centroid: XY;
  /** What the regions are balanced on (e.g. a mix of households and area). */
  weight: number;
}

export interface RegionLink {
  a: number;
  b: number;
  /** How much a and b belong together (e.g. shared boundary length, discounted by road class). */
  affinity: number;
}

/** Region index per unit, 0…k-1; every region is connected through links. */
export function growRegions(units: readonly RegionUnit[], links: readonly RegionLink[], k: number): number[] {
  const n = units.length;
  if (n === 0) return [];
  if (k >= n) return units.map((_, i) => i);
  if (k <= 1) return units.map(() => 0);

  const neighbours: Map<number, number>[] = units.map(() => new Map());
  for (const l of links) {
    if (l.a === l.b) continue;
    const na = neighbours[l.a] as Map<number, number>;
    const nb = neighbours[l.b] as Map<number, number>;
    na.set(l.b, (na.get(l.b) ?? 0) + l.affinity);
    nb.set(l.a, (nb.get(l.a) ?? 0) + l.affinity);
  }

  const seeds = spreadSeeds(units, k);
  const region = new Array<number>(n).fill(-1);
  const weight = new Array<number>(k).fill(0);
  const sum = seeds.map(() => [0, 0, 0]); // weighted centroid accumulators
  const add = (unit: number, r: number): void => {
    region[unit] = r;
    const u = units[unit] as RegionUnit;
    const w = Math.max(u.weight, 1e-9);
    weight[r] = (weight[r] as number) + u.weight;
    const acc = sum[r] as number[];
    acc[0] = (acc[0] as number) + u.centroid[0] * w;
    acc[1] = (acc[1] as number) + u.centroid[1] * w;
    acc[2] = (acc[2] as number) + w;
  };
  seeds.forEach((unit, r) => add(unit, r));

  const typical = Math.sqrt(spreadArea(units) / k); // a region's typical diameter, metres
  let left = n - k;
  while (left > 0) {
    // The lightest region that can still grow takes its best neighbour.
    let bestRegion = -1;
    let bestUnit = -1;
    let bestScore = -Infinity;
    const order = weight.map((w, r) => [w, r] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [, r] of order) {
      const acc = sum[r] as number[];
      const cx = (acc[0] as number) / (acc[2] as number);
      const cy = (acc[1] as number) / (acc[2] as number);
      for (let unit = 0; unit < n; unit++) {
        if (region[unit] !== -1) continue;
        let affinity = 0;
        for (const [other, a] of neighbours[unit] as Map<number, number>) if (region[other] === r) affinity += a;
        if (affinity <= 0) continue;
        const u = units[unit] as RegionUnit;
        const d = Math.hypot(u.centroid[0] - cx, u.centroid[1] - cy);
        // Shared boundary pulls a unit in; distance from the region's middle keeps regions compact.
        const score = affinity / (1 + (d / typical) ** 2);
        if (score > bestScore) {
          bestScore = score;
          bestUnit = unit;
          bestRegion = r;
        }
      }
      if (bestUnit >= 0) break;
    }
    if (bestUnit < 0) break; // the rest is not linked to any region
    add(bestUnit, bestRegion);
    left--;
  }
  // Units no link reaches (should not happen on a connected map): nearest region centre.
  for (let unit = 0; unit < n; unit++) {
    if (region[unit] !== -1) continue;
    const u = units[unit] as RegionUnit;
    let best = 0;
    let bestD = Infinity;
    sum.forEach((acc, r) => {
      const d = Math.hypot(u.centroid[0] - (acc[0] as number) / (acc[2] as number), u.centroid[1] - (acc[1] as number) / (acc[2] as number));
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    });
    add(unit, best);
  }
  return region;
}

/**
 * k seeds spread over the units: farthest-point choice from the north-west unit, then a few
 * rounds of weighted k-means so the seeds sit in the middle of similar weights.
 */
function spreadSeeds(units: readonly RegionUnit[], k: number): number[] {
  let first = 0;
  units.forEach((u, i) => {
    const f = units[first] as RegionUnit;
    if (u.centroid[1] - u.centroid[0] > f.centroid[1] - f.centroid[0]) first = i;
  });
  const seeds = [first];
  const nearest = units.map((u) => dist(u.centroid, (units[first] as RegionUnit).centroid));
  while (seeds.length < k) {
    let far = -1;
    nearest.forEach((d, i) => {
      if (!seeds.includes(i) && (far < 0 || d > (nearest[far] as number))) far = i;
    });
    seeds.push(far);
    units.forEach((u, i) => (nearest[i] = Math.min(nearest[i] as number, dist(u.centroid, (units[far] as RegionUnit).centroid))));
  }
  for (let round = 0; round < 8; round++) {
    const acc = seeds.map(() => [0, 0, 0]);
    units.forEach((u, i) => {
      let best = 0;
      seeds.forEach((s, j) => {
        if (dist(u.centroid, (units[s] as RegionUnit).centroid) < dist(u.centroid, (units[seeds[best] as number] as RegionUnit).centroid)) best = j;
      });
      const a = acc[best] as number[];
      const w = Math.max(u.weight, 1e-9);
      a[0] = (a[0] as number) + u.centroid[0] * w;
      a[1] = (a[1] as number) + u.centroid[1] * w;
      a[2] = (a[2] as number) + w;
      void i;
    });
    const taken = new Set<number>();
    const next = acc.map((a, j) => {
      if ((a[2] as number) === 0) return seeds[j] as number;
      const c: XY = [(a[0] as number) / (a[2] as number), (a[1] as number) / (a[2] as number)];
      let best = -1;
      units.forEach((u, i) => {
        if (taken.has(i)) return;
        if (best < 0 || dist(u.centroid, c) < dist((units[best] as RegionUnit).centroid, c)) best = i;
      });
      taken.add(best);
      return best;
    });
    if (next.every((s, j) => s === seeds[j])) break;
    seeds.splice(0, seeds.length, ...next);
  }
  return seeds;
}

function spreadArea(units: readonly RegionUnit[]): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const u of units) {
    minX = Math.min(minX, u.centroid[0]);
    minY = Math.min(minY, u.centroid[1]);
    maxX = Math.max(maxX, u.centroid[0]);
    maxY = Math.max(maxY, u.centroid[1]);
  }
  return Math.max(1, (maxX - minX) * (maxY - minY));
}

function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Splits a total into integer shares proportional to the weights (largest remainder), each at
 * least `min`: e.g. 100 level-4 grids over 7 communities.
 */
export function apportion(total: number, weights: readonly number[], min = 1): number[] {
  const sumW = weights.reduce((s, w) => s + w, 0);
  const free = total - min * weights.length;
  if (free < 0 || sumW <= 0) return weights.map(() => min);
  const exact = weights.map((w) => (w / sumW) * free);
  const shares = exact.map((e) => min + Math.floor(e));
  let rest = total - shares.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as [number, number]).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    shares[i] = (shares[i] as number) + 1;
    rest--;
  }
  return shares;
}
