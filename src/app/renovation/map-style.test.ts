/**
 * The workspace's month expressions, evaluated with MapLibre's own expression engine on feature
 * properties as the tiles carry them; and the layers validated as a style.
 */
import { expression, featureFilter, latest, validateStyleMin, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { COMPOUND_STATUS_COLORS, OLD_UNREACHED } from '../map/palette';
import { compoundFillColor, compoundStatusAt, hatchPixels, lowerLayers, monthProperties, oldUnreachedAt, RN_LAYERS, upperLayers, workStatusAt, workVisibleAt } from './map-style';

function evaluate(value: unknown, props: Record<string, unknown>, spec: unknown = latest.paint_fill['fill-color']): unknown {
  const parsed = expression.createExpression(value, 'layers[0].paint.fill-color', spec as StylePropertySpecification);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom: 14 }, { type: 'Polygon', properties: props } as never);
}
const asString = { type: 'string' } as unknown;
const color = (hex: string) => String(evaluate(hex, {}));
const passes = (filter: unknown, props: Record<string, unknown>) => featureFilter(filter as never, 'layers[0].filter').filter({ zoom: 14 } as never, { type: 1, properties: props } as never);

/** A compound planned at 100 s, approved 200, started 300, completed 400; never accepted (no t_accepted). */
const compound = { built_year: 1990, t_planned: 100, t_approved: 200, t_started: 300, t_completed: 400 };

describe('compound status at a month', () => {
  it('reads the status from the first-reached times', () => {
    expect([50, 100, 250, 399, 400, 10_000].map((t) => evaluate(compoundStatusAt(t), compound, asString))).toEqual(['none', 'planned', 'approved', 'under_construction', 'completed', 'completed']);
    expect(evaluate(compoundStatusAt(1e9), { built_year: 1990 }, asString)).toBe('none');
  });

  it('fills by status, and old compounds without a planned project in the old-unreached colour', () => {
    expect(evaluate(compoundFillColor(250, 2000), compound)).toEqual(evaluate(COMPOUND_STATUS_COLORS.approved, {}));
    expect(evaluate(compoundFillColor(50, 2000), compound)).toEqual(evaluate(OLD_UNREACHED.fill, {}));
    // The same compound is not old with a 1985 cut-off: plain "none" grey.
    expect(String(evaluate(compoundFillColor(50, 1985), compound))).toBe(color(COMPOUND_STATUS_COLORS.none));
  });

  it('hatches an old compound only until a project lists it', () => {
    expect(passes(oldUnreachedAt(50, 2000), compound)).toBe(true);
    expect(passes(oldUnreachedAt(100, 2000), compound)).toBe(false);
    expect(passes(oldUnreachedAt(50, 1990), compound)).toBe(false); // built 1990 is not before 1990
  });
});

describe('works at a month', () => {
  const road = { year: 2023, started: 100, completed: 200 };
  it('shows a work from the start of its year, then on site, then done', () => {
    expect(passes(workVisibleAt(50, 2022), road)).toBe(false);
    expect(passes(workVisibleAt(50, 2023), road)).toBe(true);
    expect([50, 150, 200].map((t) => evaluate(workStatusAt(t), road, asString))).toEqual(['planned', 'under_construction', 'completed']);
    expect(evaluate(workStatusAt(1e9), { year: 2023 }, asString)).toBe('planned');
  });
});

describe('the layers', () => {
  const paint = { t: 300, year: 2023, cutoff: 2000 };
  it('make a valid style with the month applied', () => {
    const style = {
      version: 8,
      sources: { renovation: { type: 'vector', url: 'pmtiles://x' }, grids: { type: 'vector', url: 'pmtiles://y' } },
      layers: [...lowerLayers(paint), ...upperLayers(paint, { community: '320102099001', compound: 'XQ1' })],
    };
    expect(validateStyleMin(style as never, latest)).toEqual([]);
  });

  it('name every month-dependent property of a layer they define', () => {
    const ids = new Set([...lowerLayers(paint), ...upperLayers(paint, { community: null, compound: null })].map((l) => l.id));
    const { paint: props, filters } = monthProperties(paint);
    for (const [layer] of [...props, ...filters]) expect(ids.has(layer), layer).toBe(true);
    expect(ids).toEqual(new Set(Object.values(RN_LAYERS)));
  });

  it('draw the hatch as red diagonal lines on transparent pixels, joining across tiles', () => {
    const { width, height, data } = hatchPixels(12);
    expect([width, height, data.length]).toEqual([12, 12, 12 * 12 * 4]);
    const alpha = (x: number, y: number) => data[(y * 12 + x) * 4 + 3];
    expect(alpha(0, 0)).toBeGreaterThan(0);
    expect(alpha(11, 1)).toBeGreaterThan(0); // 11 + 1 ≡ 0 (mod 12)
    expect(alpha(5, 0)).toBe(0);
  });
});
