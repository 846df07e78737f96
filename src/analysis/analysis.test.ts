import { describe, expect, it } from 'vitest';
import { quantileBreaks } from './breaks';
import { GridLocator, containsPoint } from './grid-locator';
import { closureRate, isOpen, isOverdue } from './ledger-status';
import { compoundStatus, isOldCompound, isReached } from './renovation';
import type { Polygon } from 'geojson';

const square = (x0: number, y0: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]],
});

describe('GridLocator', () => {
  const locator = new GridLocator([
    { code: 'A', geometry: square(0, 0, 1) },
    { code: 'B', geometry: square(1, 0, 1) },
  ]);
  it('finds the cell that contains a point', () => {
    expect(locator.locate(0.5, 0.5)).toBe('A');
    expect(locator.locate(1.5, 0.2)).toBe('B');
  });
  it('returns null for a point in no cell', () => {
    expect(locator.locate(3, 3)).toBeNull();
  });
  it('does not throw on zero cells', () => {
    expect(new GridLocator([]).locate(0, 0)).toBeNull();
  });
  it('excludes holes', () => {
    const donut: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4).coordinates[0]!, square(1, 1, 2).coordinates[0]!] };
    expect(containsPoint(donut, 0.5, 0.5)).toBe(true);
    expect(containsPoint(donut, 2, 2)).toBe(false);
  });
});

describe('ledger status', () => {
  const base = { registered_at: 1, closed_at: null, deadline: 100 };
  it('counts a problem open until it is closed', () => {
    expect(isOpen({ status: 'verifying' })).toBe(true);
    expect(isOpen({ status: 'closed' })).toBe(false);
  });
  it('is overdue only when open and past the deadline', () => {
    expect(isOverdue({ ...base, status: 'disposing' }, 101)).toBe(true);
    expect(isOverdue({ ...base, status: 'disposing' }, 99)).toBe(false);
    expect(isOverdue({ ...base, status: 'closed', closed_at: 150 }, 200)).toBe(false);
  });
  it('computes 结案率 over registered problems only', () => {
    const rate = closureRate([
      { ...base, status: 'closed', closed_at: 5 },
      { ...base, status: 'closed', closed_at: 5 },
      { ...base, status: 'dispatched' },
      { ...base, status: 'reported', registered_at: null },
    ]);
    expect(rate).toBeCloseTo(2 / 3);
    expect(closureRate([])).toBe(0);
  });
});

describe('renovation state', () => {
  it('takes the most advanced project status', () => {
    expect(compoundStatus(['planned', 'completed', 'approved'])).toBe('completed');
    expect(compoundStatus([])).toBe('none');
  });
  it('counts a compound reached once construction starts', () => {
    expect(isReached('approved')).toBe(false);
    expect(isReached('under_construction')).toBe(true);
    expect(isReached('none')).toBe(false);
  });
  it('calls a compound old when built before the cut-off', () => {
    expect(isOldCompound({ built_year: 1999 }, 2000)).toBe(true);
    expect(isOldCompound({ built_year: 2000 }, 2000)).toBe(false);
  });
});

describe('quantileBreaks', () => {
  it('gives ascending upper bounds without repeats', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8, 10]);
    expect(quantileBreaks([0, 0, 0, 0, 5], 5)).toEqual([0, 5]);
  });
  it('does not throw on no values', () => {
    expect(quantileBreaks([])).toEqual([]);
  });
});
