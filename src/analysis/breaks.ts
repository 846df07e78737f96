/**
 * Class breaks for a choropleth: the upper bounds of `classes` quantile classes, ascending and
 * without repeats, so a legend never shows two classes with the same range.
 */
export function quantileBreaks(values: readonly number[], classes = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let k = 1; k <= classes; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.ceil((k / classes) * sorted.length) - 1)]!;
    const rounded = Math.round(q * 1000) / 1000;
    if (breaks.length === 0 || rounded > breaks[breaks.length - 1]!) breaks.push(rounded);
  }
  return breaks;
}
