import { describe, expect, it } from 'vitest';
import { amountLabel, dateLabel, monthLabel, rateLabel, wanLabel } from './format';

describe('renovation labels', () => {
  it('writes months in each language', () => {
    expect(monthLabel('2024-06', 'zh-CN')).toBe('2024年6月');
    expect(monthLabel('2024-06', 'en')).toBe('Jun 2024');
  });

  it('writes office dates in China time', () => {
    // 2024-06-02 23:30 UTC is already 3 June in China.
    expect(dateLabel(Date.UTC(2024, 5, 2, 23, 30), 'zh-CN')).toBe('2024/06/03');
    expect(dateLabel(Date.UTC(2024, 5, 2, 23, 30), 'en')).toBe('3 Jun 2024');
    expect(dateLabel(null, 'en')).toBe('—');
  });

  it('shows no rate where there is nothing to divide by', () => {
    expect(rateLabel(null, 'zh-CN')).toBe('—');
    expect(rateLabel(0.8086, 'zh-CN')).toBe('80.9%');
  });

  it('rounds split households to whole ones and money to one decimal', () => {
    expect(amountLabel(224.99999, 'zh-CN')).toBe('225');
    expect(amountLabel(19277.4, 'en')).toBe('19,277');
    expect(wanLabel(12061.34, 'zh-CN')).toBe('12,061.3');
  });
});
