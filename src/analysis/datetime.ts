/**
 * Times in the office's files: ISO-8601 dates or date-times. A time without an offset is read
 * as China Standard Time (UTC+8, no daylight saving), which is what a clerk in China means.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export const CHINA_OFFSET_MINUTES = 8 * 60;
const MS_PER_MINUTE = 60_000;

/**
 * Epoch milliseconds, or null when the text is not a real calendar time (e.g. 2025-02-30,
 * 24:00 or month 13). Date.parse is not used: it silently rolls 2025-02-30 over to March.
 */
export function parseIsoDateTime(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = zone === undefined ? CHINA_OFFSET_MINUTES : parseOffset(zone);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(ms.padEnd(3, '0')));
  return utc - offset * MS_PER_MINUTE;
}

function parseOffset(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats epoch ms as an ISO-8601 string in China Standard Time, e.g. 2026-11-20T17:00:00+08:00. */
export function formatChinaTime(epochMs: number): string {
  const local = new Date(epochMs + CHINA_OFFSET_MINUTES * MS_PER_MINUTE);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
