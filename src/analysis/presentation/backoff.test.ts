import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, backoffDelay, BACKOFF_DEFAULTS, HEALTHY } from './backoff';

const NO_JITTER = { ...BACKOFF_DEFAULTS, jitter: 0 };

describe('retry with backoff', () => {
  it('doubles the wait from 5 s up to the 5-minute ceiling', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, NO_JITTER))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('spreads the wait by the jitter share either way', () => {
    expect(backoffDelay(1, BACKOFF_DEFAULTS, () => 0)).toBe(4_000);
    expect(backoffDelay(1, BACKOFF_DEFAULTS, () => 0.5)).toBe(5_000);
    expect(backoffDelay(1, BACKOFF_DEFAULTS, () => 0.999_999)).toBe(6_000);
  });

  it('counts failures in a row and forgets them after a success', () => {
    const once = afterFailure(HEALTHY, 'HTTP 404', 1_000, NO_JITTER);
    expect(once).toEqual({ failures: 1, nextAt: 6_000, lastError: 'HTTP 404' });
    const twice = afterFailure(once, 'HTTP 404', 6_000, NO_JITTER);
    expect(twice.nextAt).toBe(16_000);
    expect(afterSuccess()).toEqual(HEALTHY);
  });
});
