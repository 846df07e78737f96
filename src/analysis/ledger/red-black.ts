/**
 * The monthly red/black lists (红黑榜, 柳湖): communities and level-4 grids ranked by a composite score
 * modelled on the city's evaluation, which deducts points for problems found and weighs some more.
 *
 *   weight(p) = max(1, back-street weight if on a 背街小巷, no-property weight if in a 无物业小区)
 *               × (reboundFactor if a rebound, else 1)
 *   score     = max(0, 100 − (perFound × Σ weight of problems reported in the month
 *                             + perOverdue × Σ weight of problems overdue when the month ends)
 *                            ÷ (max(households, householdFloor) / 1000))
 *
 * Per 1,000 households, so a large community is not punished for its size. Higher is better: the top
 * `lists.red` units make the red list (红榜), the bottom `lists.black` the black list (黑榜).
 */
import type { LedgerSettings } from '../../contract';

/** Place and nature of one problem, as the score weighs it. */
export function problemWeight(onBackStreet: boolean, inNoPropertyCompound: boolean, rebound: boolean, s: LedgerSettings['score']): number {
  const place = Math.max(1, onBackStreet ? s.backStreetWeight : 1, inNoPropertyCompound ? s.noPropertyWeight : 1);
  return place * (rebound ? s.reboundFactor : 1);
}

/** What one unit accumulated over the month. */
export interface UnitMonth {
  code: string;
  name: string;
  households: number;
  /** Problems reported in the month. */
  found: number;
  /** Their summed weights. */
  weightedFound: number;
  /** Of them, still open and past the deadline at the month's end (or at as-of, if earlier). */
  overdue: number;
  weightedOverdue: number;
  rebounds: number;
}

export interface RankedUnit extends UnitMonth {
  score: number;
  /** 1 = best. */
  rank: number;
  list: 'red' | 'black' | null;
}

export function monthScore(u: UnitMonth, s: LedgerSettings['score']): number {
  const thousands = Math.max(u.households, s.householdFloor) / 1000;
  // Like an evaluation sheet, the score bottoms out at 0; the ranking below 0 is by overdue, then code.
  return Math.max(0, 100 - (s.perFound * u.weightedFound + s.perOverdue * u.weightedOverdue) / thousands);
}

/**
 * Ranks units by score (ties: fewer weighted overdue first, then code), and marks the red and
 * black lists. With fewer units than both lists need, the red list is filled first and the black
 * list takes only units not already on it.
 */
export function rankUnits(units: readonly UnitMonth[], settings: Pick<LedgerSettings, 'score' | 'lists'>): RankedUnit[] {
  const scored = units.map((u) => ({ ...u, score: round2(monthScore(u, settings.score)) }));
  scored.sort((a, b) => b.score - a.score || a.weightedOverdue - b.weightedOverdue || a.code.localeCompare(b.code));
  const redCount = Math.min(settings.lists.red, scored.length);
  const blackCount = Math.min(settings.lists.black, scored.length - redCount);
  return scored.map((u, i) => ({
    ...u,
    rank: i + 1,
    list: i < redCount ? 'red' : i >= scored.length - blackCount ? 'black' : null,
  }));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
