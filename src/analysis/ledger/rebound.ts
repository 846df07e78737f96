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
 * For each of n problems (read by index), the latest closure (epoch ms) of another problem of the
 * same category in the same grid strictly before its report, or NaN. By index and into a
 * Float64Array: the pipeline's million problems are columns, and an input object and a boxed result
 * per problem, held at once, were 100 MB.
 */
export function previousClosuresOf(n: number, problem: (i: number) => ReboundInput): Float64Array {
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const p = problem(i);
    if (p.closed === null || p.grid === '') continue;
    const key = `${p.grid}|${p.category}`;
    const list = byKey.get(key);
    if (list) list.push(p.closed);
    else byKey.set(key, [p.closed]);
  }
  const sorted = new Map<string, Float64Array>();
  for (const [key, list] of byKey) sorted.set(key, Float64Array.from(list).sort());
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const p = problem(i);
    if (p.grid === '') continue;
    const closures = sorted.get(`${p.grid}|${p.category}`);
    if (!closures) continue;
    // Last index with closure < reported. A problem's own closure is never before its report.
    let lo = 0;
    let hi = closures.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((closures[mid] as number) < p.reported) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) out[i] = closures[lo - 1] as number;
  }
  return out;
}
