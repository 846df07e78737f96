import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, readRenovationView, urlWithRenovationView } from './view-state';

describe('the renovation view in the address', () => {
  it('reads every parameter', () => {
    expect(readRenovationView('?ws=renovation&rnMonth=2022-12&rnCompare=2020-06&rnCommunity=320102099001&rnCompound=XQ1&rnTab=gaps&rnCutoff=1995&rnSort=problems')).toEqual({
      month: '2022-12',
      compare: '2020-06',
      community: '320102099001',
      compound: 'XQ1',
      tab: 'gaps',
      cutoff: 1995,
      gapSort: 'problems',
    });
  });

  it('falls back to the default for anything malformed', () => {
    expect(readRenovationView('?rnMonth=2022-13&rnCompare=soon&rnTab=map&rnCutoff=abc&rnSort=random&rnCommunity=')).toEqual(DEFAULT_VIEW);
    expect(readRenovationView('?rnCutoff=1800').cutoff).toBeNull();
  });

  it('writes the view, leaves defaults out and keeps other parameters and the hash', () => {
    const href = urlWithRenovationView('http://127.0.0.1:5173/?ws=renovation&lang=en&rnTab=charts#x', { ...DEFAULT_VIEW, month: '2021-03', compound: 'XQ<1>' });
    const url = new URL(href);
    expect(url.searchParams.get('ws')).toBe('renovation');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('rnMonth')).toBe('2021-03');
    expect(url.searchParams.get('rnCompound')).toBe('XQ<1>');
    expect(url.searchParams.has('rnTab')).toBe(false);
    expect(url.hash).toBe('#x');
  });

  it('round-trips through the address', () => {
    const view = { month: '2024-01', compare: '2021-12', community: 'C', compound: null, tab: 'charts' as const, cutoff: 2005, gapSort: 'households' as const };
    expect(readRenovationView(new URL(urlWithRenovationView('http://h/', view)).search)).toEqual(view);
  });
});
