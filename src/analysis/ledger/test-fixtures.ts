/**
 * Hand-worked ledger fixtures for the unit tests. Times are China Standard Time (UTC+8); every
 * expected figure in the tests is worked out by hand from the rows below, in the comments there.
 */
import type { LedgerFacts } from './lifecycle';

/** Epoch ms of a China local time in November 2026 (or another month). */
export function cst(month: number, day: number, hour = 0, minute = 0, year = 2026): number {
  return Date.UTC(year, month - 1, day, hour, minute) - 8 * 3_600_000;
}

export function facts(partial: Partial<LedgerFacts> & Pick<LedgerFacts, 'reported' | 'deadline'>): LedgerFacts {
  return {
    status: 'reported',
    registered: null,
    dispatched: null,
    disposed: null,
    verified: null,
    closed: null,
    returns: 0,
    deadlineUnit: 'hours',
    prevClose: null,
    declaredRebound: false,
    ...partial,
  };
}

/** The data's as-of: Friday 2026-11-20 17:00. */
export const T = cst(11, 20, 17);

/**
 * Eight problems, one per lifecycle situation:
 *   A closed on time · B closed late after one return · C open, overdue · D open, in time ·
 *   E reported only, overdue · F reported after T (not on the ledger yet) ·
 *   G a rebound closed on time after two returns · H disposal awaiting its check, overdue.
 */
export const LEDGER = {
  A: facts({ status: 'closed', reported: cst(11, 1, 9), registered: cst(11, 1, 9, 10), dispatched: cst(11, 1, 9, 20), disposed: cst(11, 2, 10), verified: cst(11, 2, 14), closed: cst(11, 2, 15), deadline: cst(11, 3, 9) }),
  B: facts({ status: 'closed', reported: cst(11, 5, 8), registered: cst(11, 5, 8), dispatched: cst(11, 5, 9), disposed: cst(11, 12, 10), verified: cst(11, 12, 16), closed: cst(11, 13, 9), deadline: cst(11, 10, 8), returns: 1 }),
  C: facts({ status: 'disposing', reported: cst(11, 18, 10), registered: cst(11, 18, 10, 30), dispatched: cst(11, 18, 11), deadline: cst(11, 19, 10, 30) }),
  D: facts({ status: 'dispatched', reported: cst(11, 20, 9), registered: cst(11, 20, 9), dispatched: cst(11, 20, 9, 30), deadline: cst(11, 22, 9) }),
  E: facts({ status: 'reported', reported: cst(11, 19, 12), deadline: cst(11, 20, 12) }),
  F: facts({ status: 'reported', reported: cst(11, 21, 8), deadline: cst(11, 21, 12) }),
  G: facts({ status: 'closed', reported: cst(11, 10, 10), registered: cst(11, 10, 10), dispatched: cst(11, 10, 10, 5), disposed: cst(11, 11, 9), verified: cst(11, 11, 15), closed: cst(11, 11, 16), deadline: cst(11, 12, 10), returns: 2, prevClose: cst(11, 2, 15) }),
  H: facts({ status: 'verifying', reported: cst(11, 15, 9), registered: cst(11, 15, 9), dispatched: cst(11, 15, 9, 10), disposed: cst(11, 16, 9), deadline: cst(11, 17, 9), returns: 1 }),
};
