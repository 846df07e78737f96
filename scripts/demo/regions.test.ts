import { describe, expect, it } from 'vitest';
import type { RegionLink, RegionUnit } from './regions';
import { apportion, growRegions } from './regions';

/** An n×n lattice of unit squares linked to their four neighbours. */
function lattice(n: number): { units: RegionUnit[]; links: RegionLink[] } {
  const units: RegionUnit[] = [];
  const links: RegionLink[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      units.push({ centroid: [x * 100, y * 100], weight: 1 });
      if (x > 0) links.push({ a: y * n + x - 1, b: y * n + x, affinity: 100 });
      if (y > 0) links.push({ a: (y - 1) * n + x, b: y * n + x, affinity: 100 });
    }
  }
  return { units, links };
}

function connected(members: number[], links: RegionLink[]): boolean {
  const set = new Set(members);
  const seen = new Set([members[0]]);
  const stack = [members[0] as number];
  while (stack.length > 0) {
    const u = stack.pop() as number;
    for (const l of links) {
      const v = l.a === u ? l.b : l.b === u ? l.a : -1;
      if (v >= 0 && set.has(v) && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return seen.size === set.size;
}

describe('growRegions', () => {
  // Greedy growth is a heuristic: sizes within half to one and a half of the ideal 16.
  it('splits a lattice into k connected regions of similar size', () => {
    const { units, links } = lattice(8);
    const region = growRegions(units, links, 4);
    const groups = [0, 1, 2, 3].map((r) => region.flatMap((g, i) => (g === r ? [i] : [])));
    for (const g of groups) {
      expect(g.length).toBeGreaterThanOrEqual(8);
      expect(g.length).toBeLessThanOrEqual(24);
      expect(connected(g, links)).toBe(true);
    }
  });

  it('gives every unit its own region when k is the number of units, and one region for k = 1', () => {
    const { units, links } = lattice(2);
    expect(growRegions(units, links, 4)).toEqual([0, 1, 2, 3]);
    expect(growRegions(units, links, 1)).toEqual([0, 0, 0, 0]);
  });

  it('returns nothing for no units', () => {
    expect(growRegions([], [], 3)).toEqual([]);
  });

  it('prefers to keep together what a weak link (a main road) does not separate', () => {
    const { units, links } = lattice(4);
    // A "main road" between columns 1 and 2: weak links there.
    const weak = links.map((l) => ((l.a % 4 === 1 && l.b % 4 === 2) ? { ...l, affinity: 1 } : l));
    const region = growRegions(units, weak, 2);
    const left = new Set([0, 1, 4, 5, 8, 9, 12, 13].map((i) => region[i]));
    expect(left.size).toBe(1);
  });
});

describe('apportion', () => {
  it('shares a total exactly, in proportion, with a floor', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 3, 4]);
    const shares = apportion(100, [5, 1, 1, 1, 1, 1, 1], 6);
    expect(shares.reduce((s, v) => s + v, 0)).toBe(100);
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(6);
  });
});
