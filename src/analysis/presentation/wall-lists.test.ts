import { describe, expect, it } from 'vitest';
import { loadRanking, rankCommunities, redItems, type RedItemSource } from './wall-lists';

const AS_OF = Date.parse('2026-11-20T17:00:00+08:00');
const asOfS = AS_OF / 1000;
const DAY = 86_400;

function problem(id: string, overrides: Partial<RedItemSource>): RedItemSource {
  return { id, cat: '01001', dept: 'BM01', grid: 'G1', deadline: asOfS - DAY, status: 'disposing', severity: 2, desc: '', overdue: 1, ...overrides };
}

const lookups = {
  categories: new Map([['01001', '暴露垃圾']]),
  departments: new Map([['BM01', '城管科']]),
  grids: new Map([['G1', '第一网格 · 梧桐社区']]),
};

describe("today's red items", () => {
  it('lists open overdue problems once each, most overdue first, then most severe', () => {
    const items = redItems(
      [
        problem('a', { deadline: asOfS - 3.5 * DAY }),
        problem('b', { deadline: asOfS - 10 * DAY, severity: 1 }),
        problem('c', { deadline: asOfS - 10 * DAY, severity: 3 }),
        problem('a', { deadline: asOfS - 3.5 * DAY }), // the same problem again, from a neighbouring tile
        problem('closed', { status: 'closed' }),
        problem('due', { overdue: 0, deadline: asOfS + DAY }),
      ],
      AS_OF,
      lookups,
    );
    expect(items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    // 3.5 days past the deadline → 3 whole days.
    expect(items[2]).toMatchObject({ reason: 'overdue', daysOverdue: 3, returns: 0, category: '暴露垃圾', department: '城管科', grid: '第一网格 · 梧桐社区' });
  });

  it("names a level-5 grid by its level-4 grid (the code's first 15 digits)", () => {
    const l4 = '320102099001003';
    const named = { ...lookups, grids: new Map([[l4, '第三网格 · 梧桐社区']]) };
    expect(redItems([problem('x', { grid: `${l4}02` })], AS_OF, named)[0]?.grid).toBe('第三网格 · 梧桐社区');
  });

  it('shows an unknown code as the code', () => {
    expect(redItems([problem('x', { cat: '99999', grid: 'G9' })], AS_OF, lookups)[0]).toMatchObject({ category: '99999', grid: 'G9' });
  });
});

describe('红黑榜 by open problems per 100 households', () => {
  const c = (code: string, households: number, openProblems: number) => ({ code, name: code, households, openProblems });

  it('puts the lightest load on the red list and the heaviest first on the black list', () => {
    // per 100 households: A 1.0, B 0.5, C 2.0, D 4.0, E 0.0, F 3.0, G 1.5, H 2.5
    const loads = [c('A', 1000, 10), c('B', 1000, 5), c('C', 500, 10), c('D', 500, 20), c('E', 800, 0), c('F', 1000, 30), c('G', 200, 3), c('H', 400, 10)];
    const { red, black } = rankCommunities(loads);
    expect(red.map((r) => r.code)).toEqual(['E', 'B', 'A', 'G', 'C']);
    expect(black.map((r) => r.code)).toEqual(['D', 'F', 'H']);
    expect(black[0]).toMatchObject({ rank: 8, per100: 4 });
  });

  it('never names a community on both lists when there are fewer than 8', () => {
    const loads = [c('A', 100, 1), c('B', 100, 2), c('C', 100, 3), c('D', 100, 4), c('E', 100, 5), c('F', 100, 6), c('G', 100, 7)];
    const { red, black } = rankCommunities(loads);
    expect(red.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(black.map((r) => r.code)).toEqual(['G', 'F', 'E']);
    expect(rankCommunities([])).toEqual({ red: [], black: [] });
  });

  it('becomes rows with the per-100 load as their value, worst first on the black list', () => {
    const r = loadRanking([c('A', 100, 1), c('B', 100, 2), c('C', 100, 3), c('D', 100, 4)], { red: 1, black: 2 });
    expect(r).toEqual({
      red: [{ code: 'A', name: 'A', rank: 1, value: 1 }],
      black: [
        { code: 'D', name: 'D', rank: 4, value: 4 },
        { code: 'C', name: 'C', rank: 3, value: 3 },
      ],
      basis: 'load',
      month: null,
    });
  });
});
