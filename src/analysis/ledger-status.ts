/**
 * The state of a ledger problem at the data's "as of" instant. One definition, used by the
 * pipeline's figures, the tiles' `overdue` flag and (later) the browser's filters.
 */
import type { ProblemRecord } from '../contract';

type LedgerTimes = Pick<ProblemRecord, 'status' | 'deadline' | 'registered_at' | 'closed_at'>;

/** Not yet closed (结案/销号). */
export function isOpen(problem: Pick<ProblemRecord, 'status'>): boolean {
  return problem.status !== 'closed';
}

/** Open and past its deadline at `asOf` (epoch ms). */
export function isOverdue(problem: LedgerTimes, asOf: number): boolean {
  return isOpen(problem) && problem.deadline < asOf;
}

/** Reached 立案: the denominator of 结案率. A case still at 受理 is not yet registered. */
export function isRegistered(problem: LedgerTimes): boolean {
  return problem.registered_at !== null || problem.status !== 'reported';
}

/** 结案率 = closed / registered (0 when nothing is registered). */
export function closureRate(problems: Iterable<LedgerTimes>): number {
  let registered = 0;
  let closed = 0;
  for (const p of problems) {
    if (!isRegistered(p)) continue;
    registered++;
    if (p.status === 'closed') closed++;
  }
  return registered === 0 ? 0 : closed / registered;
}
