import { expression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { LightingCellFigures, LightingSettings } from '../../contract';
import { SOURCE_IDS } from '../map/layer-ids';
import { choroplethColor, classOf, glowFilter, gridColor, lightingLayers, LIGHTING_COLORS, metresToPixels } from './lighting-style';

const SETTINGS: LightingSettings = { timeZone: 'Asia/Shanghai', darkDistanceM: { main: 25, secondary: 25, branch: 20, back_street: 15 }, segmentLengthM: 25, boundaryToleranceM: 10 };
const cell = (code: string, lightingRate: number | null, roadM: number, darkM: number): LightingCellFigures => ({
  code,
  level: 'l4',
  name: code,
  lampsRegistered: 10,
  lampsInstalled: 10,
  lampsWorking: 9,
  lampsFaulty: 1,
  lampsSolar: 0,
  lightingRate,
  intactRate: lightingRate,
  lampsPerKm: 20,
  roadM: { main: roadM, secondary: 0, branch: 0, back_street: 0 },
  darkM: { main: darkM, secondary: 0, branch: 0, back_street: 0 },
});

/** Evaluates a data/zoom expression the way MapLibre would, for one feature at one zoom. */
function evaluate(expr: unknown, zoom: number, properties: Record<string, unknown> = {}, spec: unknown = latest.paint_fill['fill-color']): unknown {
  const parsed = expression.createExpression(expr, spec as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom }, { type: 'Point', properties, geometry: [] } as never);
}

describe('lighting map style', () => {
  it('classes 亮灯率 against 90 %, 95 % and 98 %, and dark share against 2 %, 5 % and 10 %', () => {
    expect([0.5, 0.9, 0.949, 0.95, 0.98, 1].map((v) => classOf(v, LIGHTING_COLORS.rateBreaks))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(gridColor(cell('a', 0.85, 100, 0), 'rate')).toBe(LIGHTING_COLORS.rate[0]);
    expect(gridColor(cell('a', 0.99, 100, 12), 'dark')).toBe(LIGHTING_COLORS.dark[3]);
    expect(gridColor(cell('a', null, 0, 0), 'rate')).toBe(LIGHTING_COLORS.noData);
    expect(gridColor(cell('a', 1, 0, 0), 'dark')).toBe(LIGHTING_COLORS.noData);
  });

  it('colours each grid by its code, others grey', () => {
    const color = choroplethColor([cell('G1', 0.85, 100, 0), cell('G2', 0.99, 100, 0)], 'rate');
    const css = (c: unknown): string => String(c);
    expect(css(evaluate(color, 14, { code: 'G1' }))).toBe(css(evaluate(LIGHTING_COLORS.rate[0], 14)));
    expect(css(evaluate(color, 14, { code: 'G2' }))).toBe(css(evaluate(LIGHTING_COLORS.rate[3], 14)));
    expect(css(evaluate(color, 14, { code: 'nope' }))).toBe(css(evaluate(LIGHTING_COLORS.noData, 14)));
  });

  it('draws the light radius as metres on the ground at any zoom', () => {
    // At 32° N and z14 a metre is 512·2^14 / (40,075,016.7·cos 32°) = 0.2468 px; at z16 four times that.
    const radius = metresToPixels(25, 32);
    const circleRadius = latest.paint_circle['circle-radius'];
    expect(evaluate(radius, 14, {}, circleRadius) as number).toBeCloseTo(25 * 0.24683, 3);
    expect(evaluate(radius, 16, {}, circleRadius) as number).toBeCloseTo(4 * 25 * 0.24683, 2);
  });

  it('glows only working lamps of the groups that are on', () => {
    const filter = glowFilter(['main']);
    const on = (props: Record<string, unknown>) => {
      const parsed = expression.createExpression(filter, { type: 'boolean', nullable: false } as never);
      if (parsed.result !== 'success') throw new Error('bad filter');
      return parsed.value.evaluate({ zoom: 15 }, { type: 'Point', properties: props, geometry: [] } as never);
    };
    expect(on({ status: 'working', group: 'main' })).toBe(true);
    expect(on({ status: 'faulty', group: 'main' })).toBe(false);
    expect(on({ status: 'working', group: 'back_street' })).toBe(false);
  });

  it('makes a valid style with every lighting layer hidden until shown', () => {
    const { day, night } = lightingLayers({ cells: [cell('G1', 0.9, 100, 5)], settings: SETTINGS, lat: 32.04, metric: 'rate', groupsOn: ['main'] });
    const style = {
      version: 8 as const,
      sources: { [SOURCE_IDS.lamps]: { type: 'vector' as const, url: 'pmtiles://x' }, [SOURCE_IDS.grids]: { type: 'vector' as const, url: 'pmtiles://y' } },
      layers: [...day, ...night],
    };
    expect(validateStyleMin(style as never)).toEqual([]);
    for (const layer of [...day, ...night]) expect((layer.layout as { visibility?: string }).visibility, layer.id).toBe('none');
  });
});
