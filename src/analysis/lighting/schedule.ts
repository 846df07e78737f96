/**
 * The lighting schedule as data: per schedule group, a base rule ("on at sunset + 10 minutes, off at
 * 23:00") and date-range overrides ("from 1 November back streets stay on two hours later").
 * Parsing the office's time expressions, and answering "is this group on at this instant?".
 *
 * A *night* is named by the date of its evening: the night of 2026-11-20 runs from noon on the 20th
 * to noon on the 21st. Clock times from 12:00 belong to the evening, times before 12:00 to the
 * morning after, so "off 01:00" crosses midnight without further notation. Overrides apply by the
 * night's date, so "back streets two hours later from 2026-11-01" moves the 23:00 switch-off of the
 * night of 1 November to 01:00 on 2 November.
 */
import { ALL_SCHEDULE_GROUPS, type LightingScheduleRow, type ScheduleRule, type ScheduleTime } from '../../contract';
import { addDays, isCivilDate, wallTimeAt, zonedInstant, type CivilDate } from './civil-time';
import { nightSunTimes } from './sun-times';

const MINUTE_MS = 60_000;
/** Clock times before this minute of the day belong to the morning after the night's evening. */
export const MORNING_BEFORE_MINUTE = 12 * 60;

/** Words an office may write for the sun events (English or Chinese). */
const SUN_WORDS: Record<string, 'sunset' | 'sunrise'> = { sunset: 'sunset', sunrise: 'sunrise', 日落: 'sunset', 日出: 'sunrise' };

/**
 * Parses one time expression: `sunset`, `sunset+15`, `sunrise-20`, `日落+15`, `23:30` (also
 * `23:30:00` as Excel writes it), or, where `allowShift`, `+120` / `-30` (minutes from the base
 * rule). Returns the parsed time or a reason saying what was expected.
 */
export function parseScheduleTime(text: string, allowShift: boolean): ScheduleTime | { error: string } {
  const s = text.trim().replace(/\s+/g, '').replace(/＋/g, '+').replace(/[−－]/g, '-').replace(/：/g, ':');
  const sun = /^(sunset|sunrise|日落|日出)(?:([+-])(\d{1,3}))?$/i.exec(s);
  if (sun) {
    const event = SUN_WORDS[sun[1]!.toLowerCase()]!;
    const offset = sun[3] === undefined ? 0 : Number(sun[3]) * (sun[2] === '-' ? -1 : 1);
    if (Math.abs(offset) > 360) return { error: `"${text}": an offset of more than 6 hours from ${event}; expected minutes such as ${event}+15` };
    return { kind: 'sun', event, offsetMin: offset };
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2]);
    if (h > 23 || m > 59) return { error: `"${text}" is not a time of day; expected HH:MM from 00:00 to 23:59` };
    return { kind: 'clock', minute: h * 60 + m };
  }
  const shift = /^([+-])(\d{1,3})$/.exec(s);
  if (shift) {
    if (!allowShift) return { error: `"${text}" shifts a base time, which only an override (a row with dates) can do; expected sunset+15, sunrise-20 or HH:MM` };
    const minutes = Number(shift[2]) * (shift[1] === '-' ? -1 : 1);
    if (Math.abs(minutes) > 720) return { error: `"${text}": a shift of more than 12 hours; expected minutes such as +120` };
    return { kind: 'shift', minutes };
  }
  return { error: `"${text}" is not a time; expected sunset±minutes (日落+15), sunrise±minutes, HH:MM${allowShift ? ' or a shift of the base time such as +120' : ''}` };
}

export interface RuleIssue {
  field: keyof LightingScheduleRow;
  value: string;
  reason: string;
}

/**
 * One schedule row → a rule, or the field that is wrong. A base rule (no dates) needs both times;
 * an override needs a `from_date` and at least one time.
 */
export function scheduleRuleFromRow(row: LightingScheduleRow): ScheduleRule | RuleIssue {
  const isOverride = row.from_date !== '' || row.to_date !== '';
  if (row.to_date !== '' && row.from_date === '') {
    return { field: 'from_date', value: '', reason: 'is empty but to_date is set; expected the first night of the override' };
  }
  for (const field of ['from_date', 'to_date'] as const) {
    if (row[field] !== '' && !isCivilDate(row[field])) return { field, value: row[field], reason: 'is not a real calendar date; expected YYYY-MM-DD' };
  }
  if (row.to_date !== '' && row.to_date < row.from_date) {
    return { field: 'to_date', value: row.to_date, reason: `is before from_date ${row.from_date}; expected the last night on or after the first` };
  }
  const times: Partial<Record<'on' | 'off', ScheduleTime | null>> = {};
  for (const field of ['on', 'off'] as const) {
    const text = row[field];
    if (text.trim() === '') {
      if (!isOverride) return { field, value: '', reason: `is empty; a base rule (no dates) needs both on and off` };
      times[field] = null;
      continue;
    }
    const parsed = parseScheduleTime(text, isOverride);
    if ('error' in parsed) return { field, value: text, reason: parsed.error };
    times[field] = parsed;
  }
  if (isOverride && times.on === null && times.off === null) {
    return { field: 'off', value: '', reason: 'an override changes nothing; expected an on or off time (or a shift such as +120)' };
  }
  return {
    id: row.id,
    group: row.group,
    from: row.from_date === '' ? null : row.from_date,
    to: row.to_date === '' ? null : row.to_date,
    on: times.on ?? null,
    off: times.off ?? null,
    name: row.name,
  };
}

export function isOverride(rule: ScheduleRule): boolean {
  return rule.from !== null;
}

/** Where the schedule is evaluated: the sub-district's position and the zone of its clocks. */
export interface ScheduleContext {
  lat: number;
  lon: number;
  timeZone: string;
  /** Override ids switched off for a what-if (the night view's toggles). */
  disabledOverrides?: ReadonlySet<string>;
}

export interface NightWindow {
  group: string;
  night: CivilDate;
  /** Epoch ms. When off ≤ on the group stays dark that night. */
  on: number;
  off: number;
  /** Rule ids that made the window, base first. */
  rules: string[];
}

function appliesTo(rule: ScheduleRule, group: string): boolean {
  return rule.group === group || rule.group === ALL_SCHEDULE_GROUPS;
}

function coversNight(rule: ScheduleRule, night: CivilDate): boolean {
  return rule.from !== null && rule.from <= night && (rule.to === null || night <= rule.to);
}

/** The base rule of a group: its own, else the `*` rule. */
export function baseRuleFor(schedule: readonly ScheduleRule[], group: string): ScheduleRule | null {
  return (
    schedule.find((r) => !isOverride(r) && r.group === group) ?? schedule.find((r) => !isOverride(r) && r.group === ALL_SCHEDULE_GROUPS) ?? null
  );
}

/** Overrides that apply to a group on a night (in file order; later ones win), toggles respected. */
export function overridesFor(schedule: readonly ScheduleRule[], group: string, night: CivilDate, disabled?: ReadonlySet<string>): ScheduleRule[] {
  return schedule.filter((r) => isOverride(r) && appliesTo(r, group) && coversNight(r, night) && !disabled?.has(r.id));
}

/**
 * When one group's lamps are switched on and off on a night, or null when no rule covers the
 * group. Sun events are computed for the night: sunset on its date, sunrise the morning after.
 */
export function nightWindow(schedule: readonly ScheduleRule[], group: string, night: CivilDate, ctx: ScheduleContext): NightWindow | null {
  const base = baseRuleFor(schedule, group);
  if (!base || !base.on || !base.off) return null;
  let sun: { sunset: number | null; sunrise: number | null } | null = null;
  const sunTimes = () => (sun ??= nightSunTimes(night, ctx.lat, ctx.lon, ctx.timeZone));
  const instant = (t: ScheduleTime, previous: number): number => {
    switch (t.kind) {
      case 'sun': {
        const at = t.event === 'sunset' ? sunTimes().sunset : sunTimes().sunrise;
        // No sunset or sunrise (polar day or night): fall back to the clock's 18:00 / 06:00.
        const fallback = zonedInstant(t.event === 'sunset' ? night : addDays(night, 1), t.event === 'sunset' ? 18 * 60 : 6 * 60, ctx.timeZone);
        return (at ?? fallback) + t.offsetMin * MINUTE_MS;
      }
      case 'clock':
        return zonedInstant(t.minute < MORNING_BEFORE_MINUTE ? addDays(night, 1) : night, t.minute, ctx.timeZone);
      case 'shift':
        return previous + t.minutes * MINUTE_MS;
    }
  };
  let on = instant(base.on, 0);
  let off = instant(base.off, 0);
  const rules = [base.id];
  for (const o of overridesFor(schedule, group, night, ctx.disabledOverrides)) {
    if (o.on) on = instant(o.on, on);
    if (o.off) off = instant(o.off, off);
    rules.push(o.id);
  }
  return { group, night, on, off, rules };
}

/** The night an instant belongs to: before local noon, the previous evening's. */
export function nightOf(instantMs: number, timeZone: string): CivilDate {
  const wall = wallTimeAt(instantMs, timeZone);
  return wall.minute < MORNING_BEFORE_MINUTE ? addDays(wall.date, -1) : wall.date;
}

/** Whether a group's lamps are on at an instant. */
export function isGroupOn(schedule: readonly ScheduleRule[], group: string, instantMs: number, ctx: ScheduleContext): boolean {
  const window = nightWindow(schedule, group, nightOf(instantMs, ctx.timeZone), ctx);
  return window !== null && window.on <= instantMs && instantMs < window.off;
}

/** The groups that are on at an instant, of those named. */
export function groupsOnAt(schedule: readonly ScheduleRule[], groups: readonly string[], instantMs: number, ctx: ScheduleContext): string[] {
  return groups.filter((g) => isGroupOn(schedule, g, instantMs, ctx));
}

/**
 * How many lamps glow at an instant: the working lamps of every group that is on. Faulty and
 * removed lamps never light, whatever the schedule says.
 */
export function litLampCount(
  schedule: readonly ScheduleRule[],
  groups: readonly { group: string; working: number }[],
  instantMs: number,
  ctx: ScheduleContext,
): number {
  let lit = 0;
  for (const g of groups) if (isGroupOn(schedule, g.group, instantMs, ctx)) lit += g.working;
  return lit;
}

/** Default schedule when an office gives none: every lamp from sunset to sunrise (全夜灯). */
export const DEFAULT_SCHEDULE: readonly ScheduleRule[] = [
  {
    id: 'all-night',
    group: ALL_SCHEDULE_GROUPS,
    from: null,
    to: null,
    on: { kind: 'sun', event: 'sunset', offsetMin: 0 },
    off: { kind: 'sun', event: 'sunrise', offsetMin: 0 },
    name: '全夜灯',
  },
];
