/**
 * The grid choropleth's classes, from the manifest's `gridMetricBreaks` (ascending upper bounds,
 * computed by the pipeline over the level-4 grids). The fill expression and the legend are both made
 * from `choroplethClasses`, so they cannot disagree.
 */
import type { GridMetric } from '../../../contract';
import { CHOROPLETH_RAMP, CHOROPLETH_RAMP_GOOD } from '../palette';
import type { ExpressionSpecification } from './spec-types';

export interface ChoroplethClass {
  /** Exclusive lower bound (the previous class's upper bound); null for the first class. */
  above: number | null;
  /** Inclusive upper bound. */
  upTo: number;
  color: string;
}

/** Metrics where a high value is good (coverage) get a green ramp; the rest an alarm ramp. */
export function rampForMetric(metric: GridMetric): readonly string[] {
  return metric === 'renovation_coverage' ? CHOROPLETH_RAMP_GOOD : CHOROPLETH_RAMP;
}

/** `n` colours spread evenly over the ramp, light to dark. */
export function spreadRamp(ramp: readonly string[], n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [ramp[ramp.length - 1] as string];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))] as string);
}

/**
 * One class per break. Throws when the breaks are not ascending numbers, naming the metric, so a
 * broken manifest fails loudly instead of painting a misleading map.
 */
export function choroplethClasses(metric: GridMetric, breaks: readonly number[]): ChoroplethClass[] {
  breaks.forEach((b, i) => {
    if (typeof b !== 'number' || !Number.isFinite(b)) {
      throw new Error(`gridMetricBreaks.${metric}[${i}] is ${String(b)}; expected a finite number`);
    }
    const prev = breaks[i - 1];
    if (prev !== undefined && b < prev) {
      throw new Error(`gridMetricBreaks.${metric}[${i}] = ${b} is below the previous break ${prev}; expected ascending`);
    }
  });
  const colors = spreadRamp(rampForMetric(metric), breaks.length);
  return breaks.map((upTo, i) => ({ above: i === 0 ? null : (breaks[i - 1] as number), upTo, color: colors[i] as string }));
}

/** The metric's value on a grid feature; a grid without it counts as 0. */
export function metricValue(metric: GridMetric): ExpressionSpecification {
  return ['to-number', ['get', metric], 0];
}

/**
 * `fill-color` for the choropleth: value ≤ break[i] → class i, matching the "upper bound"
 * reading of the breaks (a `step` expression would put a value equal to a break in the next class).
 * Values above the last break (data newer than the breaks) take the darkest class.
 */
export function choroplethFillColor(metric: GridMetric, breaks: readonly number[]): ExpressionSpecification | string {
  const classes = choroplethClasses(metric, breaks);
  const last = classes[classes.length - 1];
  if (!last) return rampForMetric(metric)[0] as string;
  if (classes.length === 1) return last.color;
  const value = metricValue(metric);
  const arms = classes.slice(0, -1).flatMap((c) => [['<=', value, c.upTo], c.color]);
  return ['case', ...arms, last.color] as ExpressionSpecification;
}
