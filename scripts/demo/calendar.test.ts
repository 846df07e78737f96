import { describe, expect, it } from 'vitest';
import { addWorkingDays, addWorkingHours, chinaTime, formatChinaTime, isOfficeTime, nextOpening, previousClosing } from './calendar';

// 2026-11-20 is a Friday.
describe('office calendar (China Standard Time)', () => {
  it('formats epoch ms as ISO-8601 with the +08:00 offset', () => {
    expect(formatChinaTime(chinaTime(2026, 11, 20, 17))).toBe('2026-11-20T17:00:00+08:00');
    expect(formatChinaTime(Date.parse('2025-01-01T00:00:00Z'))).toBe('2025-01-01T08:00:00+08:00');
  });

  it('counts working days over a weekend', () => {
    const friday = chinaTime(2026, 11, 20, 10);
    expect(formatChinaTime(addWorkingDays(friday, 1))).toBe('2026-11-23T10:00:00+08:00');
    expect(formatChinaTime(addWorkingDays(friday, 5))).toBe('2026-11-27T10:00:00+08:00');
  });

  it('starts a working-day count on Monday morning when the case comes in on Saturday', () => {
    const saturday = chinaTime(2026, 11, 21, 15);
    expect(formatChinaTime(addWorkingDays(saturday, 1))).toBe('2026-11-24T08:30:00+08:00');
  });

  it('counts working hours inside the office windows, skipping lunch, nights and weekends', () => {
    expect(formatChinaTime(addWorkingHours(chinaTime(2026, 11, 20, 11), 2))).toBe('2026-11-20T15:00:00+08:00');
    expect(formatChinaTime(addWorkingHours(chinaTime(2026, 11, 20, 16), 4))).toBe('2026-11-23T11:00:00+08:00');
    expect(formatChinaTime(addWorkingHours(chinaTime(2026, 11, 22, 9), 1))).toBe('2026-11-23T09:30:00+08:00');
  });

  it('knows the office hours and the next opening and last closing', () => {
    expect(isOfficeTime(chinaTime(2026, 11, 20, 9))).toBe(true);
    expect(isOfficeTime(chinaTime(2026, 11, 20, 12, 30))).toBe(false);
    expect(isOfficeTime(chinaTime(2026, 11, 21, 9))).toBe(false);
    expect(formatChinaTime(nextOpening(chinaTime(2026, 11, 20, 18)))).toBe('2026-11-23T08:30:00+08:00');
    expect(formatChinaTime(previousClosing(chinaTime(2026, 11, 23, 8)))).toBe('2026-11-20T17:30:00+08:00');
  });
});
