/**
 * The page's side of the ledger worker: one worker per page, promise-based requests, and queries
 * coalesced — while one runs, only the newest waiting query is kept, so dragging the timeline or
 * clicking through filters never builds a backlog.
 */
import type { LedgerQuery } from '../../analysis/ledger/ledger-engine';
import type { ClusterFeature, LedgerMeta, PointFeature, QueryAnswer, RowView, WorkerAnswer, WorkerRequest, WorkerResponse } from './protocol';

type Pending = { resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class LedgerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queryRunning = false;
  private queued: { query: LedgerQuery; openPoints: boolean; resolve: (a: QueryAnswer | null) => void } | null = null;

  constructor() {
    this.worker = new Worker(new URL('./ledger.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const r = event.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.answer);
      else p.reject(new Error(r.error));
    };
    this.worker.onerror = (event) => {
      const error = new Error(event.message || 'the ledger worker failed');
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  private send(body: RequestBody): Promise<WorkerAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  async init(tableUrl: string, textUrls: string[]): Promise<LedgerMeta> {
    const a = await this.send({ kind: 'init', tableUrl, textUrls });
    if (a.kind !== 'init') throw new Error(`unexpected answer ${a.kind}`);
    return a.meta;
  }

  /**
   * Runs a query, or queues it behind the running one. Resolves null for a query replaced by a
   * newer one before it started.
   */
  query(query: LedgerQuery, openPoints: boolean): Promise<QueryAnswer | null> {
    return new Promise((resolve, reject) => {
      if (this.queryRunning) {
        this.queued?.resolve(null);
        this.queued = { query, openPoints, resolve };
        return;
      }
      this.run(query, openPoints, resolve, reject);
    });
  }

  private run(query: LedgerQuery, openPoints: boolean, resolve: (a: QueryAnswer | null) => void, reject: (e: Error) => void): void {
    this.queryRunning = true;
    this.send({ kind: 'query', query, openPoints })
      .then((a) => resolve(a.kind === 'query' ? a.answer : null), reject)
      .finally(() => {
        this.queryRunning = false;
        const next = this.queued;
        this.queued = null;
        if (next) this.run(next.query, next.openPoints, next.resolve, reject);
      });
  }

  async clusters(bbox: [number, number, number, number], zoom: number): Promise<ClusterFeature[]> {
    const a = await this.send({ kind: 'clusters', bbox, zoom });
    return a.kind === 'clusters' ? a.clusters : [];
  }

  async points(bbox: [number, number, number, number], limit: number): Promise<{ points: PointFeature[]; truncated: boolean }> {
    const a = await this.send({ kind: 'points', bbox, limit });
    return a.kind === 'points' ? { points: a.points, truncated: a.truncated } : { points: [], truncated: false };
  }

  async detail(row: number): Promise<RowView> {
    const a = await this.send({ kind: 'detail', row });
    if (a.kind !== 'detail') throw new Error(`unexpected answer ${a.kind}`);
    return a.row;
  }

  async exportCsv(what: 'ledger' | 'plan'): Promise<{ csv: string; rows: number }> {
    const a = await this.send({ kind: 'export', what });
    if (a.kind !== 'export') throw new Error(`unexpected answer ${a.kind}`);
    return { csv: a.csv, rows: a.rows };
  }

  terminate(): void {
    this.worker.terminate();
  }
}
