import { describe, expect, it } from 'vitest';
import type { ProblemRecord } from '../../../src/contract';
import { ProblemTable } from './problem-table';

const T0 = Date.UTC(2026, 10, 2, 1, 0);
const HOUR = 3_600_000;

function problem(id: string, over: Partial<ProblemRecord> = {}): ProblemRecord {
  return {
    id,
    lon: 118.78,
    lat: 32.04,
    category_code: '01001',
    status: 'closed',
    nature: 'prominent',
    source: 'hotline',
    department_code: 'BM01',
    description: '<img src=x onerror=alert(1)> 暴露垃圾',
    address: '科巷菜市场',
    reported_at: T0,
    registered_at: T0 + HOUR,
    dispatched_at: T0 + 2 * HOUR,
    disposed_at: T0 + 3 * HOUR,
    verified_at: T0 + 4 * HOUR,
    closed_at: T0 + 5 * HOUR,
    deadline: T0 + 24 * HOUR,
    returns: 2,
    ...over,
  };
}

describe('ProblemTable', () => {
  it('gives back each record as it was pushed, nulls and codes included, past several growths', () => {
    const records = Array.from({ length: 3000 }, (_, i) =>
      problem(`P${i}`, {
        lon: 118 + i / 1e4,
        category_code: i % 3 === 0 ? '01001' : '04002',
        status: i % 2 === 0 ? 'closed' : 'reported',
        department_code: i % 5 === 0 ? '' : 'BM03',
        registered_at: i % 2 === 0 ? T0 + HOUR : null,
        dispatched_at: i % 2 === 0 ? T0 + 2 * HOUR : null,
        disposed_at: i % 2 === 0 ? T0 + 3 * HOUR : null,
        verified_at: i % 2 === 0 ? T0 + 4 * HOUR : null,
        closed_at: i % 2 === 0 ? T0 + 5 * HOUR : null,
        returns: i % 7,
      }),
    );
    const table = ProblemTable.from('problems.csv', records.map((value, i) => ({ value, row: i + 2 })));
    expect(table.length).toBe(3000);
    records.forEach((r, i) => expect(table.record(i)).toEqual(r));
    expect([...table.records()]).toEqual(records);
    expect(table.located(17)).toEqual({ value: records[17], geometry: null, file: 'problems.csv', row: 19 });
    // Codes are interned: two categories, not 3,000 strings.
    expect(table.categories.values).toEqual(['01001', '04002']);
    expect(table.categoryCode(1)).toBe('04002');
    expect(table.statusOf(1)).toBe('reported');
  });

  it('keeps the rows asked for, in order, and moves every column with them', () => {
    const table = ProblemTable.from('p.csv', ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ value: problem(id, { lat: 32 + i, closed_at: i === 3 ? null : T0 + 5 * HOUR, returns: i }), row: i + 1 })));
    table.setPosition(3, 118.5, 32.5);
    table.retain((i) => i !== 0 && i !== 2);
    expect(table.length).toBe(3);
    expect([...table].map((p) => [p.value.id, p.row, p.value.returns, p.value.lat, p.value.closed_at])).toEqual([
      ['B', 2, 1, 33, T0 + 5 * HOUR],
      ['D', 4, 3, 32.5, null],
      ['E', 5, 4, 36, T0 + 5 * HOUR],
    ]);
    expect(table.id).toEqual(['B', 'D', 'E']);
    table.trim();
    expect(table.lon.length).toBe(3);
    expect(table.record(2).id).toBe('E');
  });

  it('lets every row go on clear, and takes rows again after', () => {
    const table = ProblemTable.from('p.csv', ['A', 'B'].map((id, i) => ({ value: problem(id), row: i + 1 })));
    table.declaredGrid.set(1, '320102099001001');
    table.clear();
    expect(table.length).toBe(0);
    expect([table.lon.length, table.id.length, table.description.length, table.declaredGrid.size]).toEqual([0, 0, 0, 0]);
    table.push(problem('C'), 3);
    expect(table.record(0).id).toBe('C');
  });

    it('refuses a row index outside the table', () => {
    const table = ProblemTable.from('p.csv', [{ value: problem('A'), row: 1 }]);
    expect(() => table.record(1)).toThrow(/row index 1 is outside 0…0/);
    expect(() => table.setPosition(-1, 0, 0)).toThrow(RangeError);
  });
});
