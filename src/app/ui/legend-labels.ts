/**
 * Labels for the choropleth legend's classes. Open-problem counts are whole numbers, so their
 * classes read as "3–4" (lower bound + 1, since class bounds are inclusive upper bounds); rates read
 * as ranges; coverage as percentages. Empty classes (two equal breaks) are dropped, so the legend
 * never shows a colour the map cannot draw.
 */
import type { GridMetric } from '../../contract';
import { formatNumber, formatPercent } from '../format';
import type { Lang } from '../i18n/language';
import type { ChoroplethClass } from '../map/style/choropleth';

export interface LegendClass {
  color: string;
  label: string;
}

const INTEGER_METRICS: readonly GridMetric[] = ['open_problems'];

function formatValue(metric: GridMetric, value: number, lang: Lang): string {
  if (metric === 'renovation_coverage') return formatPercent(value, lang, 0);
  return formatNumber(value, lang, INTEGER_METRICS.includes(metric) ? 0 : 1);
}

export function legendClasses(metric: GridMetric, classes: readonly ChoroplethClass[], lang: Lang): LegendClass[] {
  const out: LegendClass[] = [];
  for (const c of classes) {
    const f = (v: number) => formatValue(metric, v, lang);
    if (c.above === null) {
      out.push({ color: c.color, label: `≤ ${f(c.upTo)}` });
      continue;
    }
    if (c.upTo <= c.above) continue; // empty class
    if (INTEGER_METRICS.includes(metric)) {
      const low = Math.floor(c.above) + 1;
      out.push({ color: c.color, label: low >= c.upTo ? f(c.upTo) : `${f(low)}–${f(c.upTo)}` });
    } else {
      out.push({ color: c.color, label: `${f(c.above)}–${f(c.upTo)}` });
    }
  }
  return out;
}

export interface MajorCategoryEntry {
  code: string;
  name: string;
  color: string;
}

/** The major categories of the manifest's table, once each, in code order, with their map colour. */
export function majorCategoryEntries(
  categories: readonly { major_code: string; major_name: string }[],
  colors: Record<string, string>,
  fallback: string,
): MajorCategoryEntry[] {
  const byCode = new Map<string, string>();
  for (const c of categories) if (!byCode.has(c.major_code)) byCode.set(c.major_code, c.major_name);
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({ code, name, color: colors[code] ?? fallback }));
}
