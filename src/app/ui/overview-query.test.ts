import { describe, expect, it } from 'vitest';
import { overviewFromSearch, urlWithOverview } from './overview-query';

describe("the overview's layers and metric in the address", () => {
  it('shows every overlay and open problems without parameters', () => {
    expect(overviewFromSearch('')).toEqual({ visible: { grids: true, renovation: true, lamps: true, problems: true }, metric: 'open_problems' });
  });

  it('shows only the listed overlays, none for an empty list, and ignores unknown names', () => {
    expect(overviewFromSearch('?layers=problems,grids,bogus').visible).toEqual({ grids: true, renovation: false, lamps: false, problems: true });
    expect(overviewFromSearch('?layers=').visible).toEqual({ grids: false, renovation: false, lamps: false, problems: false });
  });

  it('reads a known metric and falls back on an unknown one', () => {
    expect(overviewFromSearch('?metric=renovation_coverage').metric).toBe('renovation_coverage');
    expect(overviewFromSearch('?metric=votes').metric).toBe('open_problems');
  });

  it('writes only what differs from the defaults, keeping the other parameters', () => {
    const href = 'http://127.0.0.1:5173/?ws=ledger&lang=zh#x';
    expect(urlWithOverview(href, overviewFromSearch(''))).toBe(href);
    const written = urlWithOverview(href, overviewFromSearch('?layers=lamps,grids&metric=problems_per_100hh'));
    expect(written).toBe('http://127.0.0.1:5173/?ws=ledger&lang=zh&layers=grids,lamps&metric=problems_per_100hh#x');
    expect(overviewFromSearch(new URL(written).search)).toEqual(overviewFromSearch('?layers=grids,lamps&metric=problems_per_100hh'));
  });
});
