/**
 * How the renovation workspace writes months, dates, rates and amounts, in either language.
 * Pure (Intl only), tested in Node.
 */
import { formatNumber, formatPercent, OFFICE_TIME_ZONE } from '../format';
import type { Lang } from '../i18n/language';

/** `2024-06` → "2024年6月" / "Jun 2024". */
export function monthLabel(key: string, lang: Lang): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  if (lang === 'zh-CN') return `${y}年${m}月`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** An office date (China time): "2024/06/03" / "3 Jun 2024"; "—" when not (yet) known. */
export function dateLabel(epochMs: number | null, lang: Lang): string {
  if (epochMs === null) return '—';
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: lang === 'zh-CN' ? '2-digit' : 'short',
    day: lang === 'zh-CN' ? '2-digit' : 'numeric',
  }).format(new Date(epochMs));
}

/** A 0–1 rate as a percentage with one decimal, "—" when there is no base to divide by. */
export function rateLabel(rate: number | null, lang: Lang): string {
  return rate === null ? '—' : formatPercent(rate, lang, 1);
}

/** Households, metres, m²: whole numbers (straddling compounds make fractions that nobody counts). */
export function amountLabel(value: number, lang: Lang): string {
  return formatNumber(Math.round(value), lang);
}

/** 万元 with one decimal. */
export function wanLabel(value: number, lang: Lang): string {
  return formatNumber(Math.round(value * 10) / 10, lang, 1);
}
