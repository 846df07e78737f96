import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, formatPercent } from './format';

describe('formatDateTime', () => {
  it('shows epoch seconds in China Standard Time, whatever the machine zone', () => {
    // 2026-11-20T09:00:00Z is 17:00 in Beijing.
    expect(formatDateTime(Date.UTC(2026, 10, 20, 9, 0) / 1000, 'zh-CN')).toBe('2026/11/20 17:00');
  });

  it('reads ISO strings with an offset', () => {
    expect(formatDateTime('2026-11-20T17:00:00+08:00', 'zh-CN')).toBe('2026/11/20 17:00');
    expect(formatDateTime('2026-11-20T17:00:00+08:00', 'en')).toBe('20 Nov 2026, 17:00');
  });

  it('returns null for an unreadable time rather than "Invalid Date"', () => {
    expect(formatDateTime('not a time', 'zh-CN')).toBeNull();
    expect(formatDateTime(Number.NaN, 'en')).toBeNull();
  });
});

describe('formatPercent and formatNumber', () => {
  it('shows ratios as percentages with one decimal', () => {
    expect(formatPercent(0.867, 'zh-CN')).toBe('86.7%');
    expect(formatPercent(1, 'en')).toBe('100.0%');
  });

  it('groups thousands', () => {
    expect(formatNumber(8700, 'zh-CN')).toBe('8,700');
    expect(formatNumber(2.345, 'en', 1)).toBe('2.3');
  });
});
