import { expression, latest, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { sampleManifest } from '../../test-fixtures/manifest';
import { CHOROPLETH_RAMP, CHOROPLETH_RAMP_GOOD } from '../palette';
import { ALL_VISIBLE, buildStyle } from './build-style';
import { choroplethClasses, choroplethFillColor, spreadRamp } from './choropleth';

/** Evaluates a fill-color value with MapLibre's own expression engine, as the map would. */
function colorFor(value: unknown, props: Record<string, unknown>): string {
  const spec = latest.paint_fill['fill-color'] as unknown as StylePropertySpecification;
  const parsed = expression.createExpression(value, 'fill-color', spec);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return String(parsed.value.evaluate({ zoom: 14 }, { type: 'Polygon', properties: props } as never));
}
const color = (hex: string) => colorFor(hex, {});

describe('choropleth', () => {
  const breaks = sampleManifest().gridMetricBreaks.open_problems; // [0, 2, 4, 7, 15]

  it('makes one class per manifest break, light to dark', () => {
    const classes = choroplethClasses('open_problems', breaks);
    expect(classes.map((c) => c.upTo)).toEqual(breaks);
    expect(classes.map((c) => c.color)).toEqual([...CHOROPLETH_RAMP]);
    expect(classes[0]?.above).toBeNull();
    expect(classes[2]?.above).toBe(2);
  });

  it('colours a grid whose value equals a break with that break’s class (breaks are upper bounds)', () => {
    const fill = choroplethFillColor('open_problems', breaks);
    expect(colorFor(fill, { open_problems: 2 })).toBe(color(CHOROPLETH_RAMP[1]));
    expect(colorFor(fill, { open_problems: 3 })).toBe(color(CHOROPLETH_RAMP[2]));
    expect(colorFor(fill, { open_problems: 0 })).toBe(color(CHOROPLETH_RAMP[0]));
  });

  it('colours values above the last break with the darkest class, and a missing value as 0', () => {
    const fill = choroplethFillColor('open_problems', breaks);
    expect(colorFor(fill, { open_problems: 99 })).toBe(color(CHOROPLETH_RAMP[4]));
    expect(colorFor(fill, {})).toBe(color(CHOROPLETH_RAMP[0]));
  });

  it('uses a green ramp for renovation coverage, where high is good', () => {
    const fill = choroplethFillColor('renovation_coverage', sampleManifest().gridMetricBreaks.renovation_coverage);
    expect(colorFor(fill, { renovation_coverage: 0.95 })).toBe(color(CHOROPLETH_RAMP_GOOD[4]));
  });

  it('is what the style’s grid-choropleth layer paints, for the metric chosen', () => {
    const m = sampleManifest();
    const s = buildStyle({ manifest: m, archiveUrls: { grids: 'pmtiles://x' }, metric: 'problems_per_100hh', visible: ALL_VISIBLE });
    const l = s.layers.find((x) => x.id === 'grid-choropleth');
    expect(l?.type === 'fill' && l.paint?.['fill-color']).toEqual(choroplethFillColor('problems_per_100hh', m.gridMetricBreaks.problems_per_100hh));
  });

  it('spreads fewer classes over the whole ramp and paints a single class flat', () => {
    expect(spreadRamp(CHOROPLETH_RAMP, 3)).toEqual([CHOROPLETH_RAMP[0], CHOROPLETH_RAMP[2], CHOROPLETH_RAMP[4]]);
    expect(choroplethFillColor('open_problems', [5])).toBe(CHOROPLETH_RAMP[4]);
  });

  it('does not throw on empty breaks (a sub-district without grids yet)', () => {
    expect(choroplethClasses('open_problems', [])).toEqual([]);
    expect(choroplethFillColor('open_problems', [])).toBe(CHOROPLETH_RAMP[0]);
  });

  it('keeps duplicate breaks (skewed data) as empty classes without breaking the expression', () => {
    const fill = choroplethFillColor('open_problems', [0, 0, 1, 3, 10]);
    expect(colorFor(fill, { open_problems: 0 })).toBe(color(CHOROPLETH_RAMP[0]));
    expect(colorFor(fill, { open_problems: 1 })).toBe(color(CHOROPLETH_RAMP[2]));
  });

  it('rejects descending or non-numeric breaks, naming the metric and position', () => {
    expect(() => choroplethClasses('open_problems', [0, 5, 3])).toThrow(/gridMetricBreaks\.open_problems\[2\] = 3 .*ascending/);
    expect(() => choroplethClasses('problems_per_100hh', [0, Number.NaN])).toThrow(/problems_per_100hh\[1\].*finite number/);
  });
});
