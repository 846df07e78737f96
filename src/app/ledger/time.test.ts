import { describe, expect, it } from 'vitest';
import { localMinuteMs, msToLocalMinute, previousMonth } from './time';

describe('the as-of time in the address', () => {
  it('reads and writes office-local minutes', () => {
    const ms = Date.UTC(2026, 10, 20, 9) ; // 17:00 in China
    expect(msToLocalMinute(ms, 480)).toBe('2026-11-20T17:00');
    expect(localMinuteMs('2026-11-20T17:00', 480)).toBe(ms);
    expect(localMinuteMs('2026-11-20T17:00', -480)).toBe(Date.UTC(2026, 10, 21, 1));
    expect(localMinuteMs('2026-02-30T17:00', 480)).toBeNull();
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});
