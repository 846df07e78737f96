import { describe, expect, it } from 'vitest';
import { defaultView, urlWithView, viewFromSearch } from './ledger-url';

describe('the ledger view in the address', () => {
  it('reads the default view from an address without ledger parameters', () => {
    expect(viewFromSearch('?ws=ledger&lang=en')).toEqual(defaultView());
  });

  it('round-trips every parameter', () => {
    const view = {
      ...defaultView(),
      filter: {
        majors: ['03', '04'],
        categories: ['04002'],
        statuses: ['disposing' as const, 'verifying' as const],
        natures: ['rebound' as const],
        departments: ['BM03'],
        sources: ['hotline' as const],
        from: '2026-01-01',
        to: '2026-06-30',
        community: '320102099001',
        grid: '320102099001003',
      },
      asOf: '2026-10-01T17:00',
      reboundWindowDays: 14,
      layer: 'clusters' as const,
      weight: 'severity' as const,
      extrude: true,
      tab: 'plan' as const,
      units: 'grids' as const,
      month: '2026-09',
      week: '2026-10-05',
      timelineUnit: 'week' as const,
      timelineMode: 'moving' as const,
    };
    const href = urlWithView('http://127.0.0.1:5173/?ws=ledger&lang=zh#map', view);
    expect(href).toContain('lmaj=03,04');
    expect(new URL(href).searchParams.get('ws')).toBe('ledger');
    expect(new URL(href).hash).toBe('#map');
    expect(viewFromSearch(new URL(href).search)).toEqual(view);
  });

  it('leaves defaults out of the address and drops stale ledger parameters', () => {
    const href = urlWithView('http://x/?ws=ledger&lst=closed&llayer=hex', defaultView());
    expect(new URL(href).search).toBe('?ws=ledger');
  });

  it('ignores malformed values instead of failing', () => {
    const v = viewFromSearch('?lst=closed,nonsense&lfrom=2026-13&lasof=yesterday&lrw=0&llayer=3d&lcom=<img src=x>');
    expect(v.filter.statuses).toEqual(['closed']);
    expect(v.filter.from).toBeNull();
    expect(v.asOf).toBeNull();
    expect(v.reboundWindowDays).toBeNull();
    expect(v.layer).toBe('heat');
    expect(v.filter.community).toBeNull();
  });
});
