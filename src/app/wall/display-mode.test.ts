import { describe, expect, it } from 'vitest';
import { modeFromSearch, urlForMode, wallKnobs } from './display-mode';

describe('the display mode in the address', () => {
  it('is the wall only for mode=wall', () => {
    expect(modeFromSearch('?mode=wall&lang=en')).toBe('wall');
    expect(modeFromSearch('?mode=present')).toBe('desk');
    expect(modeFromSearch('')).toBe('desk');
  });

  it('leaving the wall drops mode and the wall knobs, and keeps the view', () => {
    const href = 'http://127.0.0.1/?mode=wall&ws=ledger&wall.dwell=1&layers=problems,grids&lang=en';
    expect(urlForMode(href, 'desk')).toBe('http://127.0.0.1/?ws=ledger&layers=problems,grids&lang=en');
    expect(new URL(urlForMode('http://127.0.0.1/?ws=ledger', 'wall')).searchParams.get('mode')).toBe('wall');
  });

  it('reads the wall knobs, ignoring values out of range', () => {
    expect(wallKnobs('?wall.dwell=0.05&wall.fly=0.1&wall.poll=1&wall.retry=0.5&wall.tour=my-tour.json')).toEqual({
      dwellSeconds: 0.05,
      flySeconds: 0.1,
      pollSeconds: 1,
      retrySeconds: 0.5,
      tourUrl: 'my-tour.json',
    });
    expect(wallKnobs('?wall.dwell=-3&wall.poll=abc')).toEqual({ dwellSeconds: null, flySeconds: null, pollSeconds: 30, retrySeconds: 5, tourUrl: null });
  });
});
