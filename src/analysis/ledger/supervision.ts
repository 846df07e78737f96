/**
 * Three-colour supervision (三色督办, 柳湖): each open problem gets a colour at an "as of" time t.
 *   red    (红单, accountability): overdue (lifecycle.ts isOverdueAt), or returned `redReturns` (2)
 *                                  times or more, or a rebound;
 *   yellow (黄单, warning talk):   `yellowShareOfLimit` (80%) of the time limit used (and not yet
 *                                  disposed), or `yellowReturns` (1) return;
 *   white  (白单, reminder):       within time.
 * Closed problems (and ones not yet reported at t) have no colour.
 *
 * The time limit is counted in the category's own clock: wall-clock hours for `hours`, office time
 * (working-calendar.ts) for `working_hours` and `working_days`, so a case due Monday morning has not
 * used 80% of its limit by Saturday.
 */
import type { LedgerSettings, SupervisionLevel } from '../../contract';
import { isOpenAt, isOverdueAt, isRebound, limitMetBy, registeredTime, returnsAt, type LedgerFacts } from './lifecycle';
import type { WorkingClock } from './working-calendar';

/**
 * Share of the time limit used at t: elapsed since the limit started (立案, or the report while not
 * registered) over the whole limit, in the category's clock. May exceed 1 (overdue).
 */
export function shareOfLimitUsed(p: LedgerFacts, t: number, clock: WorkingClock): number {
  const start = Math.min(registeredTime(p) ?? p.reported, p.deadline);
  if (p.deadlineUnit === 'hours') {
    const limit = p.deadline - start;
    return limit > 0 ? (t - start) / limit : t >= p.deadline ? 1 : 0;
  }
  const limit = clock.between(start, p.deadline);
  if (limit <= 0) return t >= p.deadline ? 1 : 0;
  return clock.between(start, t) / limit;
}

export interface SupervisionContext {
  dataAsOf: number;
  rules: LedgerSettings['supervision'];
  reboundWindowMs: number;
  clock: WorkingClock;
}

export function supervisionLevel(p: LedgerFacts, t: number, ctx: SupervisionContext): SupervisionLevel | null {
  if (!isOpenAt(p, t)) return null;
  const returns = returnsAt(p, t, ctx.dataAsOf);
  if (isOverdueAt(p, t) || returns >= ctx.rules.redReturns || isRebound(p, ctx.reboundWindowMs)) return 'red';
  if (returns >= ctx.rules.yellowReturns || (!limitMetBy(p, t) && shareOfLimitUsed(p, t, ctx.clock) >= ctx.rules.yellowShareOfLimit)) return 'yellow';
  return 'white';
}

/** Why a problem has its colour, for the supervision list (most serious reason first). */
export function supervisionReason(p: LedgerFacts, t: number, ctx: SupervisionContext): 'overdue' | 'returns' | 'rebound' | 'nearDeadline' | 'withinTime' | null {
  if (!isOpenAt(p, t)) return null;
  const returns = returnsAt(p, t, ctx.dataAsOf);
  if (isOverdueAt(p, t)) return 'overdue';
  if (returns >= ctx.rules.redReturns) return 'returns';
  if (isRebound(p, ctx.reboundWindowMs)) return 'rebound';
  if (returns >= ctx.rules.yellowReturns) return 'returns';
  if (!limitMetBy(p, t) && shareOfLimitUsed(p, t, ctx.clock) >= ctx.rules.yellowShareOfLimit) return 'nearDeadline';
  return 'withinTime';
}

export const SUPERVISION_RANK: Record<SupervisionLevel, number> = { white: 0, yellow: 1, red: 2 };
