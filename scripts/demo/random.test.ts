import { describe, expect, it } from 'vitest';
import { Rng, hashString } from './random';

describe('Rng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('forks independent streams by label, reproducibly', () => {
    expect(new Rng(1).fork('lamps').next()).toBe(new Rng(1).fork('lamps').next());
    expect(new Rng(1).fork('lamps').next()).not.toBe(new Rng(1).fork('grids').next());
  });

  it('draws floats in [0,1) and integers within both bounds', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 2000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = new Rng(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) counts[rng.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.5);
    expect(counts.b / counts.a).toBeLessThan(3.5);
  });

  it('rejects a pick from an empty list and an all-zero weighting', () => {
    expect(() => new Rng(1).pick([])).toThrow(/empty/);
    expect(() => new Rng(1).weighted(['a'], [0])).toThrow(/positive/);
  });

  it('shuffles a copy, keeping every item', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const shuffled = new Rng(3).shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...shuffled].sort()).toEqual(items);
  });

  it('draws normals with about the asked mean and spread', () => {
    const rng = new Rng(11);
    const xs = Array.from({ length: 5000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 0);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
  });

  it('hashes labels to stable 32-bit seeds', () => {
    expect(hashString('lamps')).toBe(hashString('lamps'));
    expect(hashString('lamps')).not.toBe(hashString('grids'));
    expect(hashString('')).toBeGreaterThanOrEqual(0);
  });
});
