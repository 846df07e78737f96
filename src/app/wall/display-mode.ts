/**
 * How the dashboard is being shown: at a desk (header, tabs, panels), on the wall screen
 * (`?mode=wall`: dark, full screen, touring, no controls) or presenting a briefing (full screen,
 * one scene at a time; not in the address, a reload returns to the desk). Pure: tested in Node.
 */
import { SCREEN_PARAM_PREFIX } from '../../analysis/presentation/view';

export type DisplayMode = 'desk' | 'wall' | 'present';
export const MODE_PARAM = 'mode';

export function modeFromSearch(search: string): DisplayMode {
  return new URLSearchParams(search).get(MODE_PARAM) === 'wall' ? 'wall' : 'desk';
}

/** The address for a mode: `mode=wall` set, or removed with the wall's own `wall.*` knobs. */
export function urlForMode(href: string, mode: DisplayMode): string {
  const url = new URL(href);
  if (mode === 'wall') {
    url.searchParams.set(MODE_PARAM, 'wall');
  } else {
    url.searchParams.delete(MODE_PARAM);
    for (const key of [...url.searchParams.keys()]) if (key.startsWith(SCREEN_PARAM_PREFIX)) url.searchParams.delete(key);
  }
  return url.href.replaceAll('%2C', ',');
}

/** The wall's knobs in the address (tests and the soak benchmark shorten the timings). */
export interface WallKnobs {
  /** Seconds each stop stays (overrides the tour file). */
  dwellSeconds: number | null;
  /** Seconds of each fly-to (overrides the tour file). */
  flySeconds: number | null;
  /** Seconds between manifest checks. */
  pollSeconds: number;
  /** First retry wait in seconds after an archive or the manifest fails. */
  retrySeconds: number;
  /** An office's own tour file (relative to the page, e.g. `tiles/tour.json`) instead of the built-in one. */
  tourUrl: string | null;
}

export const WALL_KNOB_DEFAULTS = {
  pollSeconds: 30, // a rebuilt data set shows on the wall within half a minute
  retrySeconds: 5, // see BACKOFF_DEFAULTS
} as const;

export function wallKnobs(search: string): WallKnobs {
  const params = new URLSearchParams(search);
  const seconds = (key: string, min: number, max: number): number | null => {
    const raw = params.get(`${SCREEN_PARAM_PREFIX}${key}`);
    if (raw === null || raw.trim() === '') return null;
    const v = Number(raw);
    return Number.isFinite(v) && v >= min && v <= max ? v : null;
  };
  return {
    dwellSeconds: seconds('dwell', 0.01, 3600),
    flySeconds: seconds('fly', 0, 60),
    pollSeconds: seconds('poll', 0.2, 3600) ?? WALL_KNOB_DEFAULTS.pollSeconds,
    retrySeconds: seconds('retry', 0.1, 600) ?? WALL_KNOB_DEFAULTS.retrySeconds,
    tourUrl: params.get(`${SCREEN_PARAM_PREFIX}tour`),
  };
}

/** Where the office's tour file is: ?wall.tour=URL, relative to the page; null for the built-in tour. */
export function tourFileUrl(knobs: Pick<WallKnobs, 'tourUrl'>, pageHref: string): string | null {
  return knobs.tourUrl ? new URL(knobs.tourUrl, pageHref).href : null;
}

/**
 * An archive URL for retry number `n`: a distinct URL is a distinct PMTiles reader, since the old
 * one may hold a failed header read. The server ignores the parameter.
 */
export function retryUrl(url: string, n: number): string {
  const u = new URL(url);
  u.searchParams.set('retry', String(n));
  return u.href;
}
