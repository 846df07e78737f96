/**
 * A ledger problem as the analysis sees it, and its state at any "as of" instant t: reported yet,
 * registered (立案), closed (结案), overdue, its status and returns at t, and whether it is a rebound.
 * The ledger states a problem at the data's as-of; the timeline and the as-of setting ask about
 * earlier instants, which the lifecycle timestamps answer.
 *
 * Times are epoch milliseconds. Pure: the pipeline, the worker and the tests share it.
 */
import type { DeadlineUnit, ProblemStatus } from '../../contract';

export interface LedgerFacts {
  /** Status in the ledger at the data's as-of. */
  status: ProblemStatus;
  reported: number;
  registered: number | null;
  dispatched: number | null;
  /** The last disposal (处置完成) reported; earlier ones were returned by 核查. */
  disposed: number | null;
  verified: number | null;
  closed: number | null;
  deadline: number;
  /** Returns from 核查 back to 处置 (返工), counted at the data's as-of. */
  returns: number;
  /** Unit of the category's time limit: wall-clock hours or office time. */
  deadlineUnit: DeadlineUnit;
  /**
   * The latest closure of the same category in the same level-4 grid before this report (epoch ms),
   * or null: the rebound derivation's evidence (see rebound.ts).
   */
  prevClose: number | null;
  /** The office marked it 反弹问题 itself. */
  declaredRebound: boolean;
}

/** An empty, reusable record for hot loops (fill it per row instead of allocating). */
export function blankFacts(): LedgerFacts {
  return {
    status: 'reported',
    reported: 0,
    registered: null,
    dispatched: null,
    disposed: null,
    verified: null,
    closed: null,
    deadline: 0,
    returns: 0,
    deadlineUnit: 'hours',
    prevClose: null,
    declaredRebound: false,
  };
}

/** On the ledger at t: reported at or before t. Everything below ignores problems not yet reported. */
export function isReportedBy(p: LedgerFacts, t: number): boolean {
  return p.reported <= t;
}

/**
 * When the case reached 立案. A file may leave registered_at empty on a case that moved on (it
 * was registered and dispatched at once): then the first later stage stands for it.
 */
export function registeredTime(p: LedgerFacts): number | null {
  if (p.registered !== null) return p.registered;
  if (p.status === 'reported') return null;
  return p.dispatched ?? p.disposed ?? p.verified ?? p.closed ?? p.reported;
}

export function isRegisteredBy(p: LedgerFacts, t: number): boolean {
  const r = registeredTime(p);
  return r !== null && r <= t;
}

/** 结案 (销号) at or before t. */
export function isClosedBy(p: LedgerFacts, t: number): boolean {
  return p.closed !== null && p.closed <= t;
}

/** Reported, not closed, at t. */
export function isOpenAt(p: LedgerFacts, t: number): boolean {
  return p.reported <= t && !isClosedBy(p, t);
}

/**
 * The time limit is met by t: the category's limit is the department's disposal limit (处置时限),
 * so a disposal reported by the deadline meets it, though verification and 销号 follow. A return
 * after that clears `disposed` (or moves it later), and the limit is open again.
 */
export function limitMetBy(p: LedgerFacts, t: number): boolean {
  return p.disposed !== null && p.disposed <= t && p.disposed <= p.deadline;
}

/** Open at t, past its deadline, and not disposed in time. */
export function isOverdueAt(p: LedgerFacts, t: number): boolean {
  return isOpenAt(p, t) && p.deadline < t && !limitMetBy(p, t);
}

/** Closed, and the disposal that closed it was reported by the deadline (or, without a disposal stamp, the closure). */
export function closedOnTime(p: LedgerFacts): boolean {
  return p.closed !== null && (p.disposed ?? p.closed) <= p.deadline;
}

/**
 * The status at t. At or after the data's as-of it is the ledger's own; before, the latest
 * lifecycle stamp at or before t decides (a disposal awaiting its check reads 核查).
 */
export function statusAt(p: LedgerFacts, t: number, dataAsOf: number): ProblemStatus {
  if (t >= dataAsOf) return p.status;
  if (p.closed !== null && p.closed <= t) return 'closed';
  if ((p.verified !== null && p.verified <= t) || (p.disposed !== null && p.disposed <= t)) return 'verifying';
  if (p.dispatched !== null && p.dispatched <= t) return 'dispatched';
  const r = registeredTime(p);
  if (r !== null && r <= t) return 'registered';
  return 'reported';
}

/**
 * Returns at t. The ledger counts returns but does not date them; they all happen before the last
 * disposal, so they count from then (and at the data's as-of, always).
 */
export function returnsAt(p: LedgerFacts, t: number, dataAsOf: number): number {
  if (t >= dataAsOf) return p.returns;
  return p.disposed !== null && p.disposed <= t ? p.returns : 0;
}

/**
 * Dispositions (处置 rounds) done by t: one per return, plus the last disposal once reported.
 * The denominator of 返工率.
 */
export function dispositionsAt(p: LedgerFacts, t: number, dataAsOf: number): number {
  return returnsAt(p, t, dataAsOf) + (p.disposed !== null && p.disposed <= t ? 1 : 0);
}

/**
 * 反弹: the same category closed in the same level-4 grid within `windowMs` before this report
 * (derived), or marked so by the office. The office's own mark is kept: it may know of a closure
 * across a grid line; the derivation adds the ones nobody marked.
 */
export function isRebound(p: LedgerFacts, windowMs: number): boolean {
  return p.declaredRebound || isDerivedRebound(p, windowMs);
}

export function isDerivedRebound(p: LedgerFacts, windowMs: number): boolean {
  return p.prevClose !== null && p.reported - p.prevClose <= windowMs;
}
