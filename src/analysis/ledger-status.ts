/**
 * The state of a ledger problem at the data's "as of" instant, for the pipeline's headline figures
 * and the tiles' `overdue` flag. The definitions themselves live in src/analysis/ledger/
 * (lifecycle.ts, kpis.ts), which the ledger workspace's worker uses too; these adapt a validated
 * record to them, so the overview and the ledger workspace can never disagree.
 */
import type { ProblemRecord } from '../contract';
import { ledgerKpis } from './ledger/kpis';
import { isOverdueAt, type LedgerFacts } from './ledger/lifecycle';

type LedgerTimes = Pick<ProblemRecord, 'status' | 'deadline' | 'registered_at' | 'closed_at'> &
  Partial<Pick<ProblemRecord, 'reported_at' | 'dispatched_at' | 'disposed_at' | 'verified_at' | 'returns'>>;

function factsOf(p: LedgerTimes): LedgerFacts {
  return {
    status: p.status,
    reported: p.reported_at ?? -Infinity,
    registered: p.registered_at,
    dispatched: p.dispatched_at ?? null,
    disposed: p.disposed_at ?? null,
    verified: p.verified_at ?? null,
    closed: p.closed_at,
    deadline: p.deadline,
    returns: p.returns ?? 0,
    deadlineUnit: 'hours',
    prevClose: null,
    declaredRebound: false,
  };
}

/** Not yet closed (结案/销号). */
export function isOpen(problem: Pick<ProblemRecord, 'status'>): boolean {
  return problem.status !== 'closed';
}

/** Open, past its deadline and not disposed in time at `asOf` (epoch ms): lifecycle.ts isOverdueAt. */
export function isOverdue(problem: LedgerTimes, asOf: number): boolean {
  return isOpen(problem) && isOverdueAt(factsOf(problem), asOf);
}

/** 结案率 = closed / registered (0 when nothing is registered): kpis.ts closureRate. */
export function closureRate(problems: Iterable<LedgerTimes>): number {
  // One at a time: the pipeline passes a million problems.
  function* facts() {
    for (const p of problems) yield factsOf(p);
  }
  return ledgerKpis(facts(), Infinity, Infinity, 0).kpis.closureRate ?? 0;
}
