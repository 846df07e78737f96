/**
 * Rebound derivation (反弹问题): a problem "comes back" when the same category was closed in the same
 * level-4 grid shortly before it was reported. The pipeline stores, for every problem, the latest such
 * closure before its report (`prevClose`); whether that is a rebound depends on the window (30 days
 * by default, a setting), so the browser can change the window without a rebuild.
 *
 * Closures are sorted once per (grid, category) and each problem finds its predecessor by binary
 * search: O(n log n), never all pairs.
 */

export interface ReboundInput {
  /** Level-4 grid code; '' (no grid) never matches anything. */
  grid: string;
  category: string;
  reported: number;
  closed: number | null;
}

/**
 * For each problem, the latest closure (epoch ms) of another problem of the same category in the
 * same grid strictly before its report, or null.
 */
export function previousClosures(problems: readonly ReboundInput[]): (number | null)[] {
  const byKey = new Map<string, number[]>();
  for (const p of problems) {
    if (p.closed === null || p.grid === '') continue;
    const key = `${p.grid}|${p.category}`;
    const list = byKey.get(key);
    if (list) list.push(p.closed);
    else byKey.set(key, [p.closed]);
  }
  const sorted = new Map<string, Float64Array>();
  for (const [key, list] of byKey) sorted.set(key, Float64Array.from(list).sort());
  return problems.map((p) => {
    if (p.grid === '') return null;
    const closures = sorted.get(`${p.grid}|${p.category}`);
    if (!closures) return null;
    // Last index with closure < reported. A problem's own closure is never before its report.
    let lo = 0;
    let hi = closures.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((closures[mid] as number) < p.reported) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : (closures[lo - 1] as number);
  });
}
