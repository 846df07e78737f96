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
  const full = fullDateTime(text);
  if (full !== undefined) return full;
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

/** Character codes of the separators in 2025-03-14T09:30:00+08:00. */
const DASH = 45;
const COLON = 58;
const T = 84;
const SPACE = 32;
const PLUS = 43;

/**
 * The shape ledgers are written in, 2025-03-14T09:30:00+08:00 (25 characters), read without the
 * regex: a 1M-row ledger has 7M of them, and the regex, its match array and the Date per month
 * check were a third of the validate stage. Gives the same value or null as the regex path does,
 * and undefined for any other shape (which the regex then reads). Years before 1900 go the regex
 * way too, so Date.UTC's two-digit-year rule never differs from the leap-year arithmetic here.
 */
function fullDateTime(text: string): number | null | undefined {
  if (text.length !== 25) return undefined;
  const sep = text.charCodeAt(10);
  const sign = text.charCodeAt(19);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (sep !== T && sep !== SPACE) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    (sign !== PLUS && sign !== DASH) ||
    text.charCodeAt(22) !== COLON
  ) {
    return undefined;
  }
  // Module-level helpers, not closures: a closure per call costs more than the parse (and tsx
  // names each one as it is made).
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const offsetHours = digitsAt(text, 20, 2);
  const offsetMinutes = digitsAt(text, 23, 2);
  if (year < 1900 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || offsetHours < 0 || offsetMinutes < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > gregorianMonthDays(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = (sign === PLUS ? 1 : -1) * (offsetHours * 60 + offsetMinutes);
  return Date.UTC(year, month - 1, day, hour, minute, second, 0) - offset * MS_PER_MINUTE;
}

/** The decimal number in text[from, from + count), or −1 when a character there is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of a year >= 1900, by arithmetic (daysInMonth asks Date, which is slower). */
function gregorianMonthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return 30 + ((month + (month >> 3)) & 1);
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
