/**
 * Messages between the ledger workspace and its Web Worker (ledger.worker.ts). The worker holds the
 * compact table and the text chunks; the page sends queries and gets figures, lists and map
 * aggregates back, never raw rows.
 */
import type { LedgerTableHeader } from '../../contract';
import type { LedgerQuery, LedgerResult, RowDetail, SupervisedRow } from '../../analysis/ledger/ledger-engine';

/** A row as lists, popups and exports show it: its fields plus its text. */
export interface RowView extends RowDetail {
  id: string;
  description: string;
  address: string;
}

export interface SupervisedView extends RowView {
  reason: SupervisedRow['reason'];
  share: number;
}

export interface PlanRowView extends RowView {
  overdueHours: number;
  urgency: number;
}

/** What a query sends back: the engine's figures with the rows of each list filled in. */
export interface QueryAnswer extends Omit<LedgerResult, 'plan' | 'supervisionList' | 'list'> {
  plan: {
    weekStart: number;
    weekEnd: number;
    dueCount: number;
    /**
     * Department → grid → problems due; `count` is the whole group, `items` at most the list limit in
     * all (the export writes every one).
     */
    due: { key: string; count: number; items: { key: string; count: number; items: PlanRowView[] }[] }[];
    overdue: PlanRowView[];
    overdueCount: number;
  };
  supervisionList: { rows: SupervisedView[]; total: number };
  list: { rows: RowView[]; total: number };
  /** Open matched problems for the supervision layer: lon, lat, level (0 white, 1 yellow, 2 red), row. */
  openPoints: Float64Array | null;
  /** The 95th percentile of the bins' counts and severity sums, to scale the heat and hexbins. */
  binScale: { count: number; severity: number };
  /** Time in the worker, ms (engine pass + texts). */
  workerMs: number;
}

export interface ClusterFeature {
  lon: number;
  lat: number;
  /** Problems in the cluster (or the single bin). */
  count: number;
  /** Problems per status (PROBLEM_STATUSES order). */
  statuses: number[];
  /** Supercluster id, or -1 for a single bin. */
  clusterId: number;
  expansionZoom: number;
}

export interface PointFeature {
  row: number;
  lon: number;
  lat: number;
  major: string;
  level: 0 | 1 | 2 | 3;
  status: string;
}

export interface LedgerMeta {
  header: Omit<LedgerTableHeader, 'offsets'>;
  span: { first: number; last: number };
}

export type WorkerRequest =
  | { id: number; kind: 'init'; tableUrl: string; textUrls: string[] }
  | { id: number; kind: 'query'; query: LedgerQuery; openPoints: boolean }
  | { id: number; kind: 'clusters'; bbox: [number, number, number, number]; zoom: number }
  | { id: number; kind: 'points'; bbox: [number, number, number, number]; limit: number }
  | { id: number; kind: 'detail'; row: number }
  | { id: number; kind: 'export'; what: 'ledger' | 'plan' };

export type WorkerAnswer =
  | { kind: 'init'; meta: LedgerMeta }
  | { kind: 'query'; answer: QueryAnswer }
  | { kind: 'clusters'; clusters: ClusterFeature[] }
  | { kind: 'points'; points: PointFeature[]; truncated: boolean }
  | { kind: 'detail'; row: RowView }
  | { kind: 'export'; csv: string; rows: number };

export type WorkerResponse = { id: number; ok: true; answer: WorkerAnswer } | { id: number; ok: false; error: string };
