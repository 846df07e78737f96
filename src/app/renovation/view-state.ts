/**
 * The renovation workspace's view in the address (src/app/url-state.ts): the timeline month, the
 * compare month (its presence turns the compare view on), the community and compound drilled into,
 * the panel tab, the old/new cut-off year a planner is trying and the gap list's order. Parameter
 * names start with `rn` so they never collide with another workspace's. Pure: tested in Node.
 */
import { GAP_SORTS, isMonthKey, type GapSort } from '../../analysis/renovation';

export const RENOVATION_TABS = ['figures', 'gaps', 'charts'] as const;
export type RenovationTab = (typeof RENOVATION_TABS)[number];

export interface RenovationView {
  /** `YYYY-MM`; null: the as-of month. */
  month: string | null;
  /** The other month of the compare view; null: compare off. */
  compare: string | null;
  /** Community code drilled into. */
  community: string | null;
  /** Compound id drilled into. */
  compound: string | null;
  tab: RenovationTab;
  /** Old-compound cut-off year being tried; null: the office's setting. */
  cutoff: number | null;
  gapSort: GapSort;
}

export const RENOVATION_PARAMS = {
  month: 'rnMonth',
  compare: 'rnCompare',
  community: 'rnCommunity',
  compound: 'rnCompound',
  tab: 'rnTab',
  cutoff: 'rnCutoff',
  gapSort: 'rnSort',
} as const satisfies Record<keyof RenovationView, string>;

export const DEFAULT_VIEW: RenovationView = { month: null, compare: null, community: null, compound: null, tab: 'figures', cutoff: null, gapSort: 'combined' };

/** Cut-off years a planner can try: national policy says 2000; some cities extend to 2005. */
export const CUTOFF_CHOICES = [1990, 1995, 2000, 2005, 2010] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads the view from a query string; anything malformed falls back to the default. */
export function readRenovationView(search: string): RenovationView {
  const q = new URLSearchParams(search);
  const month = q.get(RENOVATION_PARAMS.month);
  const compare = q.get(RENOVATION_PARAMS.compare);
  const cutoff = Number(q.get(RENOVATION_PARAMS.cutoff));
  const text = (key: string): string | null => {
    const v = q.get(key);
    return v === null || v.trim() === '' ? null : v;
  };
  return {
    month: month !== null && isMonthKey(month) ? month : null,
    compare: compare !== null && isMonthKey(compare) ? compare : null,
    community: text(RENOVATION_PARAMS.community),
    compound: text(RENOVATION_PARAMS.compound),
    tab: oneOf(RENOVATION_TABS, q.get(RENOVATION_PARAMS.tab), DEFAULT_VIEW.tab),
    cutoff: Number.isInteger(cutoff) && cutoff >= 1900 && cutoff <= 2100 ? cutoff : null,
    gapSort: oneOf(GAP_SORTS, q.get(RENOVATION_PARAMS.gapSort), DEFAULT_VIEW.gapSort),
  };
}

/** The address with the view written in (defaults left out), other parameters and the hash kept. */
export function urlWithRenovationView(href: string, view: RenovationView): string {
  const url = new URL(href);
  for (const [key, param] of Object.entries(RENOVATION_PARAMS) as [keyof RenovationView, string][]) {
    const value = view[key];
    if (value === null || value === DEFAULT_VIEW[key]) url.searchParams.delete(param);
    else url.searchParams.set(param, String(value));
  }
  return url.href;
}
