/**
 * What the night view shows at one moment: which schedule groups are on, how many lamps glow, how
 * many should, and the night's sunset and sunrise. Pure (schedule maths from
 * src/analysis/lighting/), so the panel, the map filter and the browser test's expected count all
 * come from the same function.
 */
import type { LightingSummary, ScheduleRule } from '../../contract';
import { addDays, wallTimeAt, zonedInstant } from '../../analysis/lighting/civil-time';
import { isOverride, nightWindow, type NightWindow, type ScheduleContext } from '../../analysis/lighting/schedule';
import { nightSunTimes } from '../../analysis/lighting/sun-times';

export interface GroupAtNight {
  group: string;
  on: boolean;
  window: NightWindow | null;
  working: number;
  installed: number;
}

export interface OverrideAtNight {
  rule: ScheduleRule;
  /** The night lies in the override's dates. */
  covers: boolean;
  /** Not switched off in the view. */
  enabled: boolean;
}

export interface NightState {
  night: string;
  instant: number;
  groups: GroupAtNight[];
  /** Groups on at the instant, for the map's filter. */
  groupsOn: string[];
  /** Working lamps of the groups that are on: the lamps that glow. */
  lit: number;
  /** Installed lamps of those groups (working + faulty): the lamps that should glow. */
  shouldLight: number;
  sunset: number | null;
  sunrise: number | null;
  overrides: OverrideAtNight[];
}

/** The instant of a slider minute on a night (minutes past 1440 are the next morning). */
export function instantOnNight(night: string, sliderMinute: number, timeZone: string): number {
  return sliderMinute >= 1440 ? zonedInstant(addDays(night, 1), sliderMinute - 1440, timeZone) : zonedInstant(night, sliderMinute, timeZone);
}

export function scheduleContext(summary: Pick<LightingSummary, 'location' | 'settings'>, disabled: ReadonlySet<string>): ScheduleContext {
  return { lon: summary.location[0], lat: summary.location[1], timeZone: summary.settings.timeZone, disabledOverrides: disabled };
}

export function nightState(summary: Pick<LightingSummary, 'location' | 'settings' | 'schedule' | 'groups'>, night: string, sliderMinute: number, disabled: ReadonlySet<string>): NightState {
  const ctx = scheduleContext(summary, disabled);
  const instant = instantOnNight(night, sliderMinute, ctx.timeZone);
  const groups = summary.groups.map((g) => {
    const window = nightWindow(summary.schedule, g.group, night, ctx);
    return { group: g.group, on: window !== null && window.on <= instant && instant < window.off, window, working: g.working, installed: g.installed };
  });
  const sun = nightSunTimes(night, ctx.lat, ctx.lon, ctx.timeZone);
  const on = groups.filter((g) => g.on);
  return {
    night,
    instant,
    groups,
    groupsOn: on.map((g) => g.group),
    lit: on.reduce((s, g) => s + g.working, 0),
    shouldLight: on.reduce((s, g) => s + g.installed, 0),
    sunset: sun.sunset,
    sunrise: sun.sunrise,
    overrides: summary.schedule.filter(isOverride).map((rule) => ({
      rule,
      covers: rule.from !== null && rule.from <= night && (rule.to === null || night <= rule.to),
      enabled: !disabled.has(rule.id),
    })),
  };
}

/** The night of the data's as-of instant (its evening's date in the office's zone). */
export function asOfNight(asOfIso: string, timeZone: string): string {
  return wallTimeAt(Date.parse(asOfIso), timeZone).date;
}
