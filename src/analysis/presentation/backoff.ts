/**
 * Retry with exponential backoff for the wall screen, which nobody is there to reload: a tile
 * archive or the manifest that fails is tried again after base, 2×base, 4×base … up to a ceiling,
 * so a server that is down is not hammered and one that comes back is noticed within minutes.
 * Pure: tested in Node.
 */
export interface BackoffOptions {
  /** First wait, in milliseconds. */
  baseMs: number;
  /** Longest wait, in milliseconds. */
  maxMs: number;
  /** Growth per failed attempt. */
  factor: number;
  /**
   * Share of the wait that is randomised (0–1), so the wall screens of several offices do not
   * retry in lock step; 0 in tests.
   */
  jitter: number;
}

export const BACKOFF_DEFAULTS: BackoffOptions = {
  baseMs: 5_000, // first retry after 5 s: a rebuild that swaps files takes about that long
  maxMs: 5 * 60_000, // then at most every 5 minutes
  factor: 2,
  jitter: 0.2,
};

/** Wait before retry number `attempt` (1 = the first retry). `random` is in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = BACKOFF_DEFAULTS, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** (n - 1));
  const spread = raw * options.jitter;
  return Math.round(raw - spread + 2 * spread * random());
}

/** A thing that is retried: how many attempts failed in a row, and when to try next. */
export interface RetryState {
  failures: number;
  nextAt: number | null;
  lastError: string | null;
}

export const HEALTHY: RetryState = { failures: 0, nextAt: null, lastError: null };

export function afterFailure(state: RetryState, error: string, now: number, options: BackoffOptions = BACKOFF_DEFAULTS, random?: () => number): RetryState {
  const failures = state.failures + 1;
  return { failures, nextAt: now + backoffDelay(failures, options, random), lastError: error };
}

export function afterSuccess(): RetryState {
  return HEALTHY;
}
