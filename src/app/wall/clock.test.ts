import { describe, expect, it } from 'vitest';
import { clockText } from './clock';

describe('the wall clock', () => {
  it("shows the office's time whatever the machine's zone", () => {
    // 09:05:07 UTC is 17:05:07 in Nanjing, on a Friday.
    const at = new Date('2026-11-20T09:05:07Z');
    expect(clockText(at, 'zh-CN')).toEqual({ date: '2026年11月20日星期五', time: '17:05:07' });
    expect(clockText(at, 'en').time).toBe('17:05:07');
    expect(clockText(at, 'en').date).toContain('Friday');
  });
});
