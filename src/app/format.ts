/**
 * Numbers, percentages and times as the office reads them. Times are always shown in the office's
 * time zone (China Standard Time), whatever the zone of the PC or the test machine.
 */
import type { Lang } from './i18n/language';

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

const LOCALES: Record<Lang, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export function formatNumber(value: number, lang: Lang, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** A 0–1 ratio as a percentage, e.g. 0.867 → "86.7%". */
export function formatPercent(ratio: number, lang: Lang, fractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/** Accepts epoch seconds (as in the tiles) or an ISO-8601 string (as in the manifest). */
export function toDate(value: number | string): Date | null {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026/11/20 17:00" in Chinese, "20 Nov 2026, 17:00" in English; null for an unreadable time. */
export function formatDateTime(value: number | string, lang: Lang): string | null {
  const date = toDate(value);
  if (!date) return null;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: lang === 'en' ? 'short' : '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}
