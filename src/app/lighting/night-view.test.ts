import { describe, expect, it } from 'vitest';
import type { LightingSummary } from '../../contract';
import { asOfNight, instantOnNight, nightState } from './night-view';

/** The demo's schedule and lamp groups (data/sample/lighting_schedules.csv), working counts made up. */
const SUMMARY: Pick<LightingSummary, 'location' | 'settings' | 'schedule' | 'groups'> = {
  location: [118.785, 32.045],
  settings: { timeZone: 'Asia/Shanghai', darkDistanceM: { main: 25, secondary: 25, branch: 20, back_street: 15 }, segmentLengthM: 25, boundaryToleranceM: 10 },
  schedule: [
    { id: 'main', group: 'main', from: null, to: null, on: { kind: 'sun', event: 'sunset', offsetMin: 0 }, off: { kind: 'sun', event: 'sunrise', offsetMin: 0 }, name: '主次干路全夜灯' },
    { id: 'branch', group: 'branch', from: null, to: null, on: { kind: 'sun', event: 'sunset', offsetMin: 10 }, off: { kind: 'clock', minute: 30 }, name: '支路半夜灯' },
    { id: 'back', group: 'back_street', from: null, to: null, on: { kind: 'sun', event: 'sunset', offsetMin: 15 }, off: { kind: 'clock', minute: 23 * 60 }, name: '背街小巷半夜灯' },
    { id: 'back-2h', group: 'back_street', from: '2026-11-01', to: null, on: null, off: { kind: 'shift', minutes: 120 }, name: '背街小巷延时两小时' },
    { id: 'spring', group: '*', from: '2027-02-05', to: '2027-02-20', on: null, off: { kind: 'sun', event: 'sunrise', offsetMin: 0 }, name: '春节' },
  ],
  groups: [
    { group: 'back_street', working: 100, installed: 110 },
    { group: 'branch', working: 40, installed: 45 },
    { group: 'main', working: 60, installed: 62 },
  ],
};

describe('the night view at a moment', () => {
  it('puts slider minutes past midnight on the next morning, in the office zone', () => {
    expect(new Date(instantOnNight('2026-11-20', 23 * 60 + 30, 'Asia/Shanghai')).toISOString()).toBe('2026-11-20T15:30:00.000Z');
    expect(new Date(instantOnNight('2026-11-20', 24 * 60 + 30, 'Asia/Shanghai')).toISOString()).toBe('2026-11-20T16:30:00.000Z');
  });

  it('counts lit and due lamps by the groups on: all at 21:00, back streets and main after the branch roads go off', () => {
    const at21 = nightState(SUMMARY, '2026-11-20', 21 * 60, new Set());
    expect(at21.groupsOn.sort()).toEqual(['back_street', 'branch', 'main']);
    expect(at21).toMatchObject({ lit: 200, shouldLight: 217 });
    const at0045 = nightState(SUMMARY, '2026-11-20', 24 * 60 + 45, new Set());
    expect(at0045.groupsOn.sort()).toEqual(['back_street', 'main']);
    expect(at0045).toMatchObject({ lit: 160, shouldLight: 172 });
  });

  it('turns the back streets off at 23:00 again when the "two hours later" override is switched off', () => {
    const off = nightState(SUMMARY, '2026-11-20', 23 * 60 + 30, new Set(['back-2h']));
    expect(off.groupsOn.sort()).toEqual(['branch', 'main']);
    expect(off.lit).toBe(100);
    expect(off.overrides.map((o) => [o.rule.id, o.covers, o.enabled])).toEqual([
      ['back-2h', true, false],
      ['spring', false, true],
    ]);
  });

  it('lights nothing before sunset and gives the night its sunset and sunrise', () => {
    const early = nightState(SUMMARY, '2026-11-20', 16 * 60 + 30, new Set());
    expect(early.lit).toBe(0);
    expect(early.sunset).not.toBeNull();
    expect(early.sunrise! - early.sunset!).toBeGreaterThan(13 * 3600_000);
  });

  it("names the as-of instant's night by its date in the office zone", () => {
    expect(asOfNight('2026-11-20T17:00:00+08:00', 'Asia/Shanghai')).toBe('2026-11-20');
    expect(asOfNight('2025-06-30T21:00:00-04:00', 'America/New_York')).toBe('2025-06-30');
  });
});
