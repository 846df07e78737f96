/**
 * Office time in China Standard Time (UTC+8, no daylight saving): formatting, working days and
 * working hours, for ledger timestamps and category deadlines. Times are epoch milliseconds.
 *
 * The working-time arithmetic is the ledger's own (src/analysis/ledger/working-calendar.ts), bound
 * here to China's calendar: weekends, the statutory holidays and their make-up working days (调休)
 * from data/calendar/cn-workdays.csv, so the demo's deadlines agree with the pipeline's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as working from '../../src/analysis/ledger/working-calendar';

/** The statutory holidays and 调休 working days the demo counts deadlines with. */
export const CHINA_CALENDAR_FILE = fileURLToPath(new URL('../../data/calendar/cn-workdays.csv', import.meta.url));
export const CHINA_CALENDAR = working.workingCalendar(working.parseCalendarCsv(readFileSync(CHINA_CALENDAR_FILE, 'utf8'), CHINA_CALENDAR_FILE));

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CST_MS = 8 * HOUR_MS;

/** Office hours (local time, hours from midnight): 8:30–12:00 and 14:00–17:30, as street offices keep. */
export const OFFICE_WINDOWS: readonly [number, number][] = working.CALENDAR_DEFAULTS.windows;

/** Epoch ms of a China local date-time. Month is 1-based. */
export function chinaTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - CST_MS;
}

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function chinaParts(ms: number): ChinaParts {
  const d = new Date(ms + CST_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** `2026-11-20T17:00:00+08:00`: whole seconds, fixed offset, byte-stable. */
export function formatChinaTime(ms: number): string {
  const p = chinaParts(Math.floor(ms / 1000) * 1000);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+08:00`;
}

/** `20261120`: the date part of a ledger number. */
export function chinaDateKey(ms: number): string {
  const p = chinaParts(ms);
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Midnight (local) of the day containing ms. */
export function startOfChinaDay(ms: number): number {
  return Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
}

export function isWorkingDay(ms: number): boolean {
  return working.isWorkingDay(CHINA_CALENDAR, ms);
}

/**
 * Adds working days: the deadline falls at the same time of day n working days later. A case
 * that starts on a day off starts counting from the next working day's opening.
 */
export function addWorkingDays(ms: number, days: number): number {
  return working.addWorkingDays(CHINA_CALENDAR, ms, days);
}

/** Adds hours counted only inside office windows on working days. */
export function addWorkingHours(ms: number, hours: number): number {
  return working.addWorkingHours(CHINA_CALENDAR, ms, hours);
}

/** The next opening of an office window strictly after ms (or at ms if it is one). */
export function nextOpening(ms: number): number {
  return working.nextOpening(CHINA_CALENDAR, ms);
}

/** The latest end of an office window at or before ms. */
export function previousClosing(ms: number): number {
  return working.previousClosing(CHINA_CALENDAR, ms);
}

/** Whether ms falls inside an office window of a working day. */
export function isOfficeTime(ms: number): boolean {
  return working.isOfficeTime(CHINA_CALENDAR, ms);
}
