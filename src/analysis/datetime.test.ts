import { describe, expect, it } from 'vitest';
import { formatChinaTime, parseIsoDateTime } from './datetime';

describe('parseIsoDateTime', () => {
  it('reads a date-time with an offset', () => {
    expect(parseIsoDateTime('2026-11-20T17:00:00+08:00')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0));
  });
  it('reads a time without an offset as China Standard Time', () => {
    expect(parseIsoDateTime('2026-11-20 17:00')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0));
  });
  it('reads a bare date as midnight in China', () => {
    expect(parseIsoDateTime('2025-01-01')).toBe(Date.UTC(2024, 11, 31, 16, 0, 0));
  });
  it('reads Z and compact offsets', () => {
    expect(parseIsoDateTime('2025-01-01T00:00:00Z')).toBe(Date.UTC(2025, 0, 1));
    expect(parseIsoDateTime('2025-01-01T08:00:00+0800')).toBe(Date.UTC(2025, 0, 1));
  });
  it('refuses impossible calendar dates instead of rolling them over', () => {
    expect(parseIsoDateTime('2025-02-30')).toBeNull();
    expect(parseIsoDateTime('2025-13-01')).toBeNull();
    expect(parseIsoDateTime('2025-04-31T10:00:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2025-01-01T24:00:00+08:00')).toBeNull();
  });
  it('accepts 29 February only in a leap year', () => {
    expect(parseIsoDateTime('2024-02-29')).not.toBeNull();
    expect(parseIsoDateTime('2025-02-29')).toBeNull();
  });
  it('refuses text that is not a date', () => {
    expect(parseIsoDateTime('')).toBeNull();
    expect(parseIsoDateTime('昨天')).toBeNull();
    expect(parseIsoDateTime('20/11/2026')).toBeNull();
  });
  it('reads the full 25-character form as the general rule does, for every month, leap day and offset', () => {
    // The fast path for 2025-03-14T09:30:00+08:00 against Date.parse on the same text, which agrees
    // with the rule wherever the calendar date is real.
    for (const year of [1900, 2000, 2023, 2024, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [1, 28, 29, 30, 31]) {
          for (const zone of ['+08:00', '-05:30', '+00:00']) {
            const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T23:59:58${zone}`;
            const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
            expect(parseIsoDateTime(text), text).toBe(real ? Date.parse(text) : null);
          }
        }
      }
    }
    expect(parseIsoDateTime('2025-03-14 09:30:00+08:00')).toBe(Date.parse('2025-03-14T09:30:00+08:00'));
  });
  it('refuses impossible times in the full form too', () => {
    expect(parseIsoDateTime('2025-01-01T24:00:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2025-01-01T10:60:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2025-01-01T10:00:60+08:00')).toBeNull();
    expect(parseIsoDateTime('2025-00-10T10:00:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2025-01-1xT10:00:00+08:00')).toBeNull();
    expect(parseIsoDateTime('2025/01/01T10:00:00+08:00')).toBeNull();
  });
  it('round-trips through formatChinaTime', () => {
    const t = parseIsoDateTime('2026-03-05T08:07:06+08:00')!;
    expect(formatChinaTime(t)).toBe('2026-03-05T08:07:06+08:00');
  });
});
