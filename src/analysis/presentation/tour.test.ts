import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nextStop, parseTour, tourStops, unionBounds, type Bounds } from './tour';

const SUBDISTRICT: Bounds = [118.76, 32.03, 118.8, 32.06];

function tourJson(steps: unknown[]): unknown {
  return { version: 1, dwellSeconds: 20, flySeconds: 4, steps };
}

const HEAT = { id: 'heat', title: '全街道问题热力', search: '?layers=problems,grids', camera: { fit: 'subdistrict' } };
const EACH = { id: 'community', title: '{name}', caption: '{name}（{code}）', search: '?layers=grids&community={code}', camera: { fit: 'community' }, each: 'community', dwellSeconds: 10 };

describe('the tour file', () => {
  it('reads the default tour in data/tour.json', () => {
    const tour = parseTour(JSON.parse(readFileSync(new URL('../../../data/tour.json', import.meta.url), 'utf8')), 'data/tour.json');
    expect(tour.steps.map((s) => s.id)).toEqual(['heat', 'red-items', 'renovation', 'dark-streets', 'communities']);
    expect(tour.steps.at(-1)?.each).toBe('community');
  });

  it('names the step and field that is wrong', () => {
    expect(() => parseTour(tourJson([{ ...HEAT, camera: { center: [118.78, 32.04], zoom: 99 } }]), 'tour.json')).toThrow(
      'tour.json: steps[0].camera.zoom is 99; expected a number from 0 to 24',
    );
    expect(() => parseTour(tourJson([HEAT, { ...HEAT }]), 'tour.json')).toThrow('steps[1].id is "heat"; expected an id no other step has');
    expect(() => parseTour(tourJson([{ ...HEAT, camera: { fit: 'community' } }]), 'tour.json')).toThrow('steps[0].camera.fit');
    expect(() => parseTour(tourJson([]), 'tour.json')).toThrow('expected at least one step');
    expect(() => parseTour({ ...(tourJson([HEAT]) as object), version: 2 }, 'tour.json')).toThrow('tour.json: version is 2; expected 1');
    expect(() => parseTour(tourJson([{ ...HEAT, highlight: ['nonsense'] }]), 'tour.json')).toThrow('steps[0].highlight[0]');
  });
});

describe('the tour as stops', () => {
  const tour = parseTour(tourJson([HEAT, EACH]), 'tour.json');
  const communities = [
    { code: '320102099001', name: '梧桐社区', bounds: [118.77, 32.04, 118.78, 32.05] as Bounds },
    { code: '320102099002', name: '银杏社区', bounds: null },
    { code: '320102099003', name: '丹桂社区', bounds: [118.78, 32.04, 118.79, 32.05] as Bounds },
  ];

  it('expands a community step over the communities whose outline is known', () => {
    const stops = tourStops(tour, { subdistrictBounds: SUBDISTRICT, communities });
    expect(stops.map((s) => s.key)).toEqual(['heat', 'community:320102099001', 'community:320102099003']);
    expect(stops[1]).toMatchObject({
      title: '梧桐社区',
      caption: '梧桐社区（320102099001）',
      search: '?layers=grids&community=320102099001',
      camera: { kind: 'fit', bounds: [118.77, 32.04, 118.78, 32.05] },
      dwellMs: 10_000,
    });
    expect(stops[0]).toMatchObject({ camera: { kind: 'fit', bounds: SUBDISTRICT }, dwellMs: 20_000 });
  });

  it('fills a name into the query URL-encoded', () => {
    const t = parseTour(tourJson([{ ...EACH, search: '?q={name}' }]), 'tour.json');
    expect(tourStops(t, { subdistrictBounds: SUBDISTRICT, communities })[0]?.search).toBe(`?q=${encodeURIComponent('梧桐社区')}`);
  });

  it('lets the address shorten every dwell (soak benchmark, tests)', () => {
    expect(tourStops(tour, { subdistrictBounds: SUBDISTRICT, communities }, { dwellSeconds: 0.05 }).map((s) => s.dwellMs)).toEqual([50, 50, 50]);
  });

  it('wraps round in both directions', () => {
    expect(nextStop(2, 3)).toBe(0);
    expect(nextStop(0, 3, -1)).toBe(2);
    expect(nextStop(0, 0)).toBe(0);
  });

  it('joins the clipped pieces of a place into one box', () => {
    expect(unionBounds(null, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(unionBounds([1, 2, 3, 4], [0, 3, 2, 5])).toEqual([0, 2, 3, 5]);
  });
});
