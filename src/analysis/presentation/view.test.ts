import { describe, expect, it } from 'vitest';
import { JsonFileError, JsonReader } from './json-check';
import { readCamera, readSearch, searchOnScreen, viewSearch, zoomForSameExtent } from './view';

describe('a view in the address', () => {
  it('keeps the view parameters and drops the screen ones (mode, lang, wall.*)', () => {
    expect(viewSearch('?mode=wall&ws=ledger&lang=en&wall.dwell=2&layers=problems,grids')).toBe('?ws=ledger&layers=problems,grids');
    expect(viewSearch('')).toBe('');
    expect(viewSearch('?mode=wall')).toBe('');
  });

  it("shows a view on a screen with the screen's own mode and language", () => {
    const search = searchOnScreen('?ws=lighting&layers=lamps', '?mode=wall&lang=en&ws=ledger&wall.poll=1');
    const params = new URLSearchParams(search);
    expect(params.get('ws')).toBe('lighting');
    expect(params.get('layers')).toBe('lamps');
    expect(params.get('mode')).toBe('wall');
    expect(params.get('lang')).toBe('en');
    expect(params.get('wall.poll')).toBe('1');
    expect(params.getAll('ws')).toEqual(['lighting']);
  });

  it('zooms so another screen shows the same extent', () => {
    // Twice as wide and twice as tall: one zoom level more.
    expect(zoomForSameExtent(14, { width: 960, height: 540 }, { width: 1920, height: 1080 })).toBeCloseTo(15, 10);
    // Half as wide but as tall: the narrow axis decides, one level less.
    expect(zoomForSameExtent(14, { width: 1000, height: 500 }, { width: 500, height: 500 })).toBeCloseTo(13, 10);
    expect(zoomForSameExtent(14, { width: 0, height: 500 }, { width: 500, height: 500 })).toBe(14);
  });
});

describe('reading a camera from a file', () => {
  const r = new JsonReader('deck.json');

  it('fills bearing and pitch with 0 when absent', () => {
    expect(readCamera(r, { center: [118.78, 32.04], zoom: 14.5 }, 'camera')).toEqual({ center: [118.78, 32.04], zoom: 14.5, bearing: 0, pitch: 0 });
  });

  it('names the field, the value and what was expected', () => {
    expect(() => readCamera(r, { center: [118.78, 32.04], zoom: 'abc' }, 'scenes[2].camera')).toThrow(
      'deck.json: scenes[2].camera.zoom is "abc"; expected a number from 0 to 24',
    );
    expect(() => readCamera(r, { center: [318.78, 32.04], zoom: 3 }, 'c')).toThrow('c.center[0] is 318.78; expected a number from -180 to 180');
    expect(() => readCamera(r, { center: [1], zoom: 3 }, 'c')).toThrow(JsonFileError);
  });

  it('takes a query string only with a leading "?" and without screen parameters', () => {
    expect(readSearch(r, '?mode=wall&ws=ledger', 's')).toBe('?ws=ledger');
    expect(readSearch(r, '', 's')).toBe('');
    expect(() => readSearch(r, 'ws=ledger', 's')).toThrow('expected a query string starting with "?"');
  });
});
