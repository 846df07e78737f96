/**
 * How the ledger workspace writes its numbers and times: percentages with one decimal, "—" for a
 * figure with nothing to divide by, and times in the office's own clock (the dataset's offset, so
 * the San Francisco sample reads in Pacific time and the demo in China time).
 */
import type { KpiKey, LedgerKpis } from '../../analysis/ledger/kpis';
import { formatNumber, formatPercent } from '../format';
import type { Lang } from '../i18n/language';

export const MISSING = '—';

export function kpiText(kpis: LedgerKpis, key: KpiKey, lang: Lang, hoursUnit: (h: string) => string): string {
  const v = kpis[key];
  if (v === null) return MISSING;
  if (key === 'meanHandlingHours') return hoursUnit(formatNumber(v, lang, 1));
  return formatPercent(v, lang);
}

export function pct(v: number | null, lang: Lang): string {
  return v === null ? MISSING : formatPercent(v, lang);
}

/** `2026-11-20 17:00` in the office clock. */
export function officeDateTime(ms: number | null, offsetMinutes: number): string {
  if (ms === null) return MISSING;
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function officeDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
