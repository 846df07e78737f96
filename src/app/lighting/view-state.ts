/**
 * The lighting workspace's view in the address (src/app/url-state.ts): the night view on or off,
 * the night's date and the time on the evening slider, the schedule overrides switched off for a
 * what-if, the grid choropleth's metric and whether the faulty-lamp list is open. Parameters start
 * with `lt` so they never collide with another workspace's. Pure: tested in Node.
 */
import { isCivilDate } from '../../analysis/lighting/civil-time';

export const CHOROPLETH_METRICS = ['rate', 'dark'] as const;
export type LightingMetric = (typeof CHOROPLETH_METRICS)[number];

/**
 * The evening slider, in minutes after the night's midnight-before: 16:00 on the night's date to
 * 08:00 the morning after (values past 1440 are the next morning), in 10-minute steps.
 */
export const EVENING = { from: 16 * 60, to: 32 * 60, step: 10, initial: 20 * 60 } as const;

export interface LightingView {
  night: boolean;
  /** The night's date (its evening), YYYY-MM-DD; null: the data's as-of date. */
  date: string | null;
  /** Minutes on the evening slider (EVENING); null: EVENING.initial. */
  minute: number | null;
  /** Ids of schedule overrides switched off. */
  disabled: string[];
  metric: LightingMetric;
  faultyOpen: boolean;
}

export const LIGHTING_PARAMS = {
  night: 'ltNight',
  date: 'ltDate',
  minute: 'ltTime',
  disabled: 'ltOff',
  metric: 'ltMetric',
  faultyOpen: 'ltFaulty',
} as const satisfies Record<keyof LightingView, string>;

export const DEFAULT_LIGHTING_VIEW: LightingView = { night: false, date: null, minute: null, disabled: [], metric: 'rate', faultyOpen: false };

/** `HH:MM` ↔ slider minutes: a time before 12:00 is the morning after (e.g. 01:30 → 1530). */
export function sliderMinuteOfClock(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  const minute = h * 60 + min + (h < 12 ? 24 * 60 : 0);
  return minute >= EVENING.from && minute <= EVENING.to ? minute : null;
}

export function clockOfSliderMinute(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function readLightingView(search: string): LightingView {
  const q = new URLSearchParams(search);
  const date = q.get(LIGHTING_PARAMS.date);
  const time = q.get(LIGHTING_PARAMS.minute);
  const metric = q.get(LIGHTING_PARAMS.metric);
  const off = q.get(LIGHTING_PARAMS.disabled);
  return {
    night: q.get(LIGHTING_PARAMS.night) === '1',
    date: date !== null && isCivilDate(date) ? date : null,
    minute: time === null ? null : sliderMinuteOfClock(time),
    disabled: off === null ? [] : [...new Set(off.split(',').map((s) => s.trim()).filter((s) => s !== ''))].sort(),
    metric: (CHOROPLETH_METRICS as readonly string[]).includes(metric ?? '') ? (metric as LightingMetric) : 'rate',
    faultyOpen: q.get(LIGHTING_PARAMS.faultyOpen) === '1',
  };
}

/** The address with the view written in (defaults left out), other parameters and the hash kept. */
export function urlWithLightingView(href: string, view: LightingView): string {
  const url = new URL(href);
  const set = (param: string, value: string | null): void => {
    if (value === null) url.searchParams.delete(param);
    else url.searchParams.set(param, value);
  };
  set(LIGHTING_PARAMS.night, view.night ? '1' : null);
  set(LIGHTING_PARAMS.date, view.date);
  set(LIGHTING_PARAMS.minute, view.minute === null ? null : clockOfSliderMinute(view.minute));
  set(LIGHTING_PARAMS.disabled, view.disabled.length > 0 ? [...view.disabled].sort().join(',') : null);
  set(LIGHTING_PARAMS.metric, view.metric === DEFAULT_LIGHTING_VIEW.metric ? null : view.metric);
  set(LIGHTING_PARAMS.faultyOpen, view.faultyOpen ? '1' : null);
  return url.href;
}
