import { describe, expect, it } from 'vitest';
import { ValueIds, type TileValue } from './value-ids';

describe('ValueIds', () => {
  it('gives the ids a Map would, first seen first, through many growths', () => {
    const ids = new ValueIds();
    const map = new Map<TileValue, number>();
    const values: TileValue[] = [];
    for (let i = 0; i < 50_000; i++) {
      values.push(`WT2026${String(i % 20_000).padStart(8, '0')}`, 1_700_000_000 + (i % 17_000) * 60, i % 3 === 0, (i % 500) / 7, '问题描述' + (i % 999));
    }
    for (const v of values) {
      if (!map.has(v)) map.set(v, map.size);
      expect(ids.idOf(v)).toBe(map.get(v));
    }
    expect(ids.size).toBe(map.size);
    expect(ids.values).toEqual([...map.keys()]);
  });

  it('keeps values of different types apart and treats 0/−0 and NaN as Map keys do', () => {
    const ids = new ValueIds();
    const a = ids.idOf(1);
    expect(ids.idOf('1')).not.toBe(a);
    expect(ids.idOf(true)).not.toBe(ids.idOf(1));
    expect(ids.idOf(false)).not.toBe(ids.idOf(0));
    expect(ids.idOf(-0)).toBe(ids.idOf(0));
    expect(ids.idOf(NaN)).toBe(ids.idOf(Number('x')));
    expect(ids.idOf('')).toBe(ids.idOf(''));
    expect(ids.size).toBe(7);
  });
});
