/**
 * What the ledger workspace exposes on `window.__guatuLedger` for the browser tests and the
 * benchmark (and an operator's console): how many problems the last query matched and how long
 * each step took.
 */
export interface LedgerTestHook {
  /** Problems in the loaded table. */
  rows: number;
  /** Table fetched, inflated and decoded, ms. */
  loadMs: number;
  /** Answers received. */
  queries: number;
  /** Problems matching the filters at the as-of, in the last answer. */
  matched: number;
  /** View change → KPI panel updated (answer in, DOM updated), ms. */
  kpiMs: number;
  /** View change → map repainted with the answer (sources updated, map idle), ms. */
  repaintMs: number;
  /** Time in the worker for the last answer, and in the engine's pass alone, ms. */
  workerMs: number;
  engineMs: number;
  /** The engine's phases in the last answer (ledger-engine.ts LedgerResult.phases). */
  phases: { prepare: number; month: number; loop: number; rest: number } | null;
  /** Set by the store when an answer arrives, cleared by the map once it has drawn it. */
  pendingRepaint: { since: number; seq: number } | null;
  /** Answers drawn by the map. */
  repaints: number;
  /** Features the map drew from the last answer: bins behind the heat/hexbins, cluster markers, points. */
  drawn: { bins: number; clusters: number; clusterProblems: number; points: number; open: number };
}

declare global {
  interface Window {
    __guatuLedger?: LedgerTestHook;
  }
}

export function ledgerTestHook(): LedgerTestHook {
  window.__guatuLedger ??= {
    rows: 0,
    loadMs: 0,
    queries: 0,
    matched: 0,
    kpiMs: 0,
    repaintMs: 0,
    workerMs: 0,
    engineMs: 0,
    phases: null,
    pendingRepaint: null,
    repaints: 0,
    drawn: { bins: 0, clusters: 0, clusterProblems: 0, points: 0, open: 0 },
  };
  return window.__guatuLedger;
}
