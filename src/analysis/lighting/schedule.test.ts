import { describe, expect, it } from 'vitest';
import type { LightingScheduleRow, ScheduleRule } from '../../contract';
import { addDays, formatClock, utcOffsetMs, wallTimeAt, zonedInstant } from './civil-time';
import {
  DEFAULT_SCHEDULE,
  groupsOnAt,
  isGroupOn,
  litLampCount,
  nightOf,
  nightWindow,
  parseScheduleTime,
  scheduleRuleFromRow,
  type ScheduleContext,
} from './schedule';
import { sunTimesOn } from './sun-times';

/** 梧桐街道's centre in central Nanjing (the demo's manifest centre). */
const NANJING = { lat: 32.045, lon: 118.785 };
const SHANGHAI = 'Asia/Shanghai';
const CTX: ScheduleContext = { ...NANJING, timeZone: SHANGHAI };

/** `2026-11-20T23:30` China time → epoch ms (China has kept +08:00 all year, no DST, since 1991). */
const cst = (isoLocal: string): number => Date.parse(`${isoLocal}:00+08:00`);

/**
 * Reference: NOAA Global Monitoring Laboratory's Solar Calculator, in the equations of its
 * spreadsheet NOAA_Solar_Calculations_day.xls (https://gml.noaa.gov/grad/solcalc/calcdetails.html,
 * after Meeus, "Astronomical Algorithms"). An independent algorithm from suncalc's; NOAA states
 * about one minute of accuracy for sunrise and sunset between ±72° latitude.
 * Returns minutes after local midnight of the civil date, in a zone `tzHours` from UTC.
 */
function noaaSunMinutes(year: number, month: number, day: number, lat: number, lon: number, tzHours: number): { sunrise: number; sunset: number } {
  const rad = (d: number) => (d * Math.PI) / 180;
  const deg = (r: number) => (r * 180) / Math.PI;
  // Julian day at local noon: JD at 0h UT of the date + 0.5 day − zone.
  const jd0 = Date.UTC(year, month - 1, day) / 86_400_000 + 2440587.5;
  const F = jd0 + 0.5 - tzHours / 24;
  const G = (F - 2451545) / 36525;
  const I = (280.46646 + G * (36000.76983 + G * 0.0003032)) % 360;
  const J = 357.52911 + G * (35999.05029 - 0.0001537 * G);
  const K = 0.016708634 - G * (0.000042037 + 0.0000001267 * G);
  const L = Math.sin(rad(J)) * (1.914602 - G * (0.004817 + 0.000014 * G)) + Math.sin(rad(2 * J)) * (0.019993 - 0.000101 * G) + Math.sin(rad(3 * J)) * 0.000289;
  const M = I + L;
  const P = M - 0.00569 - 0.00478 * Math.sin(rad(125.04 - 1934.136 * G));
  const Q = 23 + (26 + (21.448 - G * (46.815 + G * (0.00059 - G * 0.001813))) / 60) / 60;
  const R = Q + 0.00256 * Math.cos(rad(125.04 - 1934.136 * G));
  const T = deg(Math.asin(Math.sin(rad(R)) * Math.sin(rad(P))));
  const U = Math.tan(rad(R / 2)) ** 2;
  const V =
    4 *
    deg(U * Math.sin(2 * rad(I)) - 2 * K * Math.sin(rad(J)) + 4 * K * U * Math.sin(rad(J)) * Math.cos(2 * rad(I)) - 0.5 * U * U * Math.sin(4 * rad(I)) - 1.25 * K * K * Math.sin(2 * rad(J)));
  const W = deg(Math.acos(Math.cos(rad(90.833)) / (Math.cos(rad(lat)) * Math.cos(rad(T))) - Math.tan(rad(lat)) * Math.tan(rad(T))));
  const noon = 720 - 4 * lon - V + tzHours * 60;
  return { sunrise: noon - 4 * W, sunset: noon + 4 * W };
}

function localMinutes(instant: number, timeZone: string): number {
  return wallTimeAt(instant, timeZone).minute + (new Date(instant).getUTCSeconds() / 60);
}

const row = (r: Partial<LightingScheduleRow> & Pick<LightingScheduleRow, 'id' | 'group'>): LightingScheduleRow => ({
  from_date: '',
  to_date: '',
  on: '',
  off: '',
  name: '',
  ...r,
});

function rules(...rows: LightingScheduleRow[]): ScheduleRule[] {
  return rows.map((r) => {
    const rule = scheduleRuleFromRow(r);
    if ('reason' in rule) throw new Error(`${r.id}: ${rule.field} ${rule.reason}`);
    return rule;
  });
}

/** The demo's schedule (data/sample/lighting_schedules.csv): 全夜灯 on main roads, 半夜灯 elsewhere, back streets extended. */
const DEMO = rules(
  row({ id: 'main', group: 'main', on: 'sunset+0', off: 'sunrise-0' }),
  row({ id: 'branch', group: 'branch', on: 'sunset+10', off: '00:30' }),
  row({ id: 'back', group: 'back_street', on: '日落+15', off: '23:00' }),
  row({ id: 'back-2h', group: 'back_street', from_date: '2026-11-01', off: '+120', name: '背街小巷延时两小时' }),
);

describe('sunset and sunrise in Nanjing (China Standard Time, no daylight saving)', () => {
  // Solstices, equinoxes, the demo's as-of date and New Year: the year's extremes and turning points.
  const dates: [number, number, number][] = [
    [2026, 1, 1],
    [2026, 3, 20],
    [2026, 6, 21],
    [2026, 9, 23],
    [2026, 11, 20],
    [2026, 12, 21],
  ];
  it.each(dates)('agrees with the NOAA Solar Calculator within 2 minutes on %i-%i-%i', (y, m, d) => {
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const sun = sunTimesOn(date, NANJING.lat, NANJING.lon, SHANGHAI);
    const ref = noaaSunMinutes(y, m, d, NANJING.lat, NANJING.lon, 8);
    expect(wallTimeAt(sun.sunset!, SHANGHAI).date).toBe(date);
    expect(wallTimeAt(sun.sunrise!, SHANGHAI).date).toBe(date);
    expect(Math.abs(localMinutes(sun.sunset!, SHANGHAI) - ref.sunset)).toBeLessThan(2);
    expect(Math.abs(localMinutes(sun.sunrise!, SHANGHAI) - ref.sunrise)).toBeLessThan(2);
  });

  it('sets at 17:03 on the demo as-of date and at 19:14 at midsummer (to the nearest minute)', () => {
    // The reference for Nanjing (32.05° N 118.79° E): NOAA gives 17:02.6 for 2026-11-20 and 19:14 for 2026-06-21.
    expect(formatClock(noaaSunMinutes(2026, 11, 20, NANJING.lat, NANJING.lon, 8).sunset)).toBe('17:03');
    expect(formatClock(noaaSunMinutes(2026, 6, 21, NANJING.lat, NANJING.lon, 8).sunset)).toBe('19:14');
    expect(formatClock(localMinutes(sunTimesOn('2026-11-20', NANJING.lat, NANJING.lon, SHANGHAI).sunset!, SHANGHAI))).toBe('17:03');
    expect(formatClock(localMinutes(sunTimesOn('2026-06-21', NANJING.lat, NANJING.lon, SHANGHAI).sunset!, SHANGHAI))).toBe('19:14');
  });

  it('keeps the same UTC offset all year in China, but not in Cambridge, MA', () => {
    expect(utcOffsetMs(cst('2026-01-15T12:00'), SHANGHAI)).toBe(8 * 3600_000);
    expect(utcOffsetMs(cst('2026-07-15T12:00'), SHANGHAI)).toBe(8 * 3600_000);
    // 23:00 on the office's clock is 03:00 UTC in July (EDT) and 04:00 UTC in January (EST).
    expect(new Date(zonedInstant('2026-07-01', 23 * 60, 'America/New_York')).toISOString()).toBe('2026-07-02T03:00:00.000Z');
    expect(new Date(zonedInstant('2026-01-15', 23 * 60, 'America/New_York')).toISOString()).toBe('2026-01-16T04:00:00.000Z');
  });
});

describe('schedule time expressions', () => {
  it('reads sun events with offsets, in English or Chinese, and clock times', () => {
    expect(parseScheduleTime('sunset+15', false)).toEqual({ kind: 'sun', event: 'sunset', offsetMin: 15 });
    expect(parseScheduleTime(' 日出 - 20 ', false)).toEqual({ kind: 'sun', event: 'sunrise', offsetMin: -20 });
    expect(parseScheduleTime('Sunset', false)).toEqual({ kind: 'sun', event: 'sunset', offsetMin: 0 });
    expect(parseScheduleTime('23:30', false)).toEqual({ kind: 'clock', minute: 23 * 60 + 30 });
    expect(parseScheduleTime('1:30:00', false)).toEqual({ kind: 'clock', minute: 90 });
    expect(parseScheduleTime('+120', true)).toEqual({ kind: 'shift', minutes: 120 });
  });

  it('refuses what is not a time, saying what was expected', () => {
    expect(parseScheduleTime('24:10', false)).toMatchObject({ error: expect.stringMatching(/HH:MM/) });
    expect(parseScheduleTime('dusk', false)).toMatchObject({ error: expect.stringMatching(/sunset/) });
    expect(parseScheduleTime('+120', false)).toMatchObject({ error: expect.stringMatching(/only an override/) });
    expect(parseScheduleTime('sunset+500', false)).toMatchObject({ error: expect.stringMatching(/6 hours/) });
  });

  it('names the field of a bad row', () => {
    expect(scheduleRuleFromRow(row({ id: 'x', group: 'main', on: 'sunset' }))).toMatchObject({ field: 'off', reason: expect.stringMatching(/both on and off/) });
    expect(scheduleRuleFromRow(row({ id: 'x', group: 'main', from_date: '2026-11-05', to_date: '2026-11-01', off: '+60' }))).toMatchObject({ field: 'to_date' });
    expect(scheduleRuleFromRow(row({ id: 'x', group: 'main', from_date: '2026-02-30', off: '+60' }))).toMatchObject({ field: 'from_date' });
    expect(scheduleRuleFromRow(row({ id: 'x', group: 'main', from_date: '2026-11-01' }))).toMatchObject({ field: 'off', reason: expect.stringMatching(/changes nothing/) });
  });
});

describe('the night window of a group', () => {
  it('switches a half-night lamp off after midnight: the branch roads go off at 00:30 the next morning', () => {
    const w = nightWindow(DEMO, 'branch', '2026-11-20', CTX)!;
    // Sunset 17:02:51 + 10 minutes.
    expect(formatClock(localMinutes(w.on, SHANGHAI))).toBe('17:13');
    expect(new Date(w.off).toISOString()).toBe(new Date(cst('2026-11-21T00:30')).toISOString());
    expect(isGroupOn(DEMO, 'branch', cst('2026-11-21T00:15'), CTX)).toBe(true);
    expect(isGroupOn(DEMO, 'branch', cst('2026-11-21T00:45'), CTX)).toBe(false);
    expect(isGroupOn(DEMO, 'branch', cst('2026-11-20T17:05'), CTX)).toBe(false);
  });

  it('keeps main roads on from sunset to the next sunrise', () => {
    const w = nightWindow(DEMO, 'main', '2026-11-20', CTX)!;
    expect(w.off).toBe(sunTimesOn('2026-11-21', NANJING.lat, NANJING.lon, SHANGHAI).sunrise);
    expect(isGroupOn(DEMO, 'main', cst('2026-11-21T05:00'), CTX)).toBe(true);
    expect(isGroupOn(DEMO, 'main', cst('2026-11-21T07:00'), CTX)).toBe(false);
  });

  it('moves the back streets from 23:00 to 01:00 with the "two hours later" override, across midnight', () => {
    const w = nightWindow(DEMO, 'back_street', '2026-11-20', CTX)!;
    expect(w.rules).toEqual(['back', 'back-2h']);
    expect(w.off).toBe(cst('2026-11-21T01:00'));
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-21T00:30'), CTX)).toBe(true);
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-21T01:00'), CTX)).toBe(false);
    // Toggled off for a what-if, the base rule's 23:00 holds again.
    const without = { ...CTX, disabledOverrides: new Set(['back-2h']) };
    expect(nightWindow(DEMO, 'back_street', '2026-11-20', without)!.off).toBe(cst('2026-11-20T23:00'));
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-21T00:30'), without)).toBe(false);
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-20T22:30'), without)).toBe(true);
  });

  it('applies an override from its first night on, by the date of the evening', () => {
    expect(nightWindow(DEMO, 'back_street', '2026-10-31', CTX)!.off).toBe(cst('2026-10-31T23:00'));
    expect(nightWindow(DEMO, 'back_street', '2026-11-01', CTX)!.off).toBe(cst('2026-11-02T01:00'));
    // 00:30 on 1 November still belongs to the night of 31 October: off already.
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-01T00:30'), CTX)).toBe(false);
    expect(isGroupOn(DEMO, 'back_street', cst('2026-11-02T00:30'), CTX)).toBe(true);
  });

  it('ends a bounded override after its last night, and a later row wins over an earlier one', () => {
    const festival = rules(
      row({ id: 'base', group: '*', on: 'sunset', off: '22:00' }),
      row({ id: 'late', group: '*', from_date: '2026-02-14', to_date: '2026-02-16', off: '02:00' }),
      row({ id: 'later', group: 'lantern', from_date: '2026-02-15', to_date: '2026-02-15', off: '+60' }),
    );
    expect(nightWindow(festival, 'lantern', '2026-02-13', CTX)!.off).toBe(cst('2026-02-13T22:00'));
    expect(nightWindow(festival, 'lantern', '2026-02-14', CTX)!.off).toBe(cst('2026-02-15T02:00'));
    // The second override shifts the first's 02:00, not the base's 22:00.
    expect(nightWindow(festival, 'lantern', '2026-02-15', CTX)!.off).toBe(cst('2026-02-16T03:00'));
    expect(nightWindow(festival, 'other', '2026-02-15', CTX)!.off).toBe(cst('2026-02-16T02:00'));
    expect(nightWindow(festival, 'lantern', '2026-02-17', CTX)!.off).toBe(cst('2026-02-17T22:00'));
  });

  it('leaves a group without any rule dark, and the default schedule lights every group all night', () => {
    expect(nightWindow(DEMO, 'plaza', '2026-11-20', CTX)).toBeNull();
    expect(isGroupOn(DEMO, 'plaza', cst('2026-11-20T20:00'), CTX)).toBe(false);
    expect(isGroupOn(DEFAULT_SCHEDULE, 'plaza', cst('2026-11-20T20:00'), CTX)).toBe(true);
    expect(isGroupOn(DEFAULT_SCHEDULE, 'plaza', cst('2026-11-20T16:00'), CTX)).toBe(false);
  });

  it('names the night an instant belongs to: before noon, the evening before', () => {
    expect(nightOf(cst('2026-11-21T03:00'), SHANGHAI)).toBe('2026-11-20');
    expect(nightOf(cst('2026-11-21T12:00'), SHANGHAI)).toBe('2026-11-21');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('lit lamps at an instant', () => {
  const groups = [
    { group: 'main', working: 799 },
    { group: 'branch', working: 276 },
    { group: 'back_street', working: 1115 },
  ];

  it('counts the working lamps of every group that is on', () => {
    expect(litLampCount(DEMO, groups, cst('2026-11-20T16:30'), CTX)).toBe(0);
    expect(litLampCount(DEMO, groups, cst('2026-11-20T21:00'), CTX)).toBe(799 + 276 + 1115);
    expect(litLampCount(DEMO, groups, cst('2026-11-21T00:45'), CTX)).toBe(799 + 1115);
    expect(litLampCount(DEMO, groups, cst('2026-11-21T00:45'), { ...CTX, disabledOverrides: new Set(['back-2h']) })).toBe(799);
    expect(groupsOnAt(DEMO, ['main', 'branch', 'back_street'], cst('2026-11-21T02:00'), CTX)).toEqual(['main']);
  });
});
