/**
 * The ledger's Web Worker: loads the compact table (gzipped, inflated with DecompressionStream) and
 * answers the workspace's queries with the engine (src/analysis/ledger/ledger-engine.ts), so that
 * filtering, figures, supervision colours, clusters and aggregates over a million problems never
 * run on the page's thread. Text chunks (ids, descriptions, addresses) are fetched only for the
 * rows a list shows or an export writes, and kept.
 */
import Supercluster from 'supercluster';
import { PROBLEM_STATUSES, type LedgerTextChunk } from '../../contract';
import { BIN, BIN_STRIDE, LedgerEngine, type LedgerQuery } from '../../analysis/ledger/ledger-engine';
import { decodeLedgerTable } from '../../analysis/ledger/ledger-table';
import { urgency } from '../../analysis/ledger/weekly-plan';
import { ledgerCsv, planCsv, type PlanCsvRow } from './ledger-csv';
import type { ClusterFeature, PlanRowView, PointFeature, QueryAnswer, RowView, WorkerAnswer, WorkerRequest, WorkerResponse } from './protocol';

/** Cluster radius in pixels, and the last zoom with clusters (street zoom shows single problems). */
const CLUSTER = { radius: 60, maxZoom: 16 };

let engine: LedgerEngine | null = null;
let textUrls: string[] = [];
const texts = new Map<number, Promise<LedgerTextChunk>>();
let lastQuery: LedgerQuery | null = null;
let lastBins: Float64Array | null = null;
let clusterIndex: Supercluster<BinProps, ClusterProps> | null = null;

interface BinProps {
  n: number;
  s: number[];
}
interface ClusterProps {
  n: number;
  s: number[];
}

/**
 * Fetches one of the ledger's .gz files. A server may send it as stored (nginx, most static hosts)
 * or mark it `Content-Encoding: gzip` so the browser inflates it on the way (sirv does): look at the
 * bytes and inflate only what is still gzip (magic 1f 8b).
 */
async function fetchGzip(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

function chunk(index: number): Promise<LedgerTextChunk> {
  let p = texts.get(index);
  if (!p) {
    const url = textUrls[index];
    if (url === undefined) return Promise.reject(new Error(`no text chunk ${index}`));
    p = fetchGzip(url).then((buf) => JSON.parse(new TextDecoder().decode(buf)) as LedgerTextChunk);
    p.catch(() => texts.delete(index));
    texts.set(index, p);
  }
  return p;
}

async function views(rows: readonly number[]): Promise<RowView[]> {
  const e = engine!;
  const per = e.header.textRowsPerChunk;
  const needed = [...new Set(rows.map((r) => Math.floor(r / per)))];
  const loaded = new Map(await Promise.all(needed.map(async (c) => [c, await chunk(c)] as const)));
  return rows.map((row) => {
    const t = loaded.get(Math.floor(row / per))!;
    const k = row - t.first;
    return { ...e.detail(row), id: t.id[k] ?? '', description: t.description[k] ?? '', address: t.address[k] ?? '' };
  });
}

/** 95th percentile of a bin field (at least 1), so one hot corner does not wash out the rest. */
function percentile95(bins: Float64Array, count: number, offset: number): number {
  if (count === 0) return 1;
  const values = new Float64Array(count);
  for (let b = 0; b < count; b++) values[b] = bins[b * BIN_STRIDE + offset] as number;
  values.sort();
  return Math.max(1, values[Math.min(count - 1, Math.floor(count * 0.95))] as number);
}

async function runQuery(query: LedgerQuery, withOpenPoints: boolean): Promise<QueryAnswer> {
  const started = performance.now();
  const e = engine!;
  const r = e.query(query);
  lastQuery = query;
  lastBins = r.bins;
  clusterIndex = null;

  const t = r.asOf;
  // The plan's due groups keep their counts but carry rows only up to the list limit in all: a
  // million-problem ledger has thousands due in a week, more than a panel shows or a page should copy.
  let budget = query.listLimit;
  const due = r.plan.due.map((d) => ({
    key: d.key,
    count: d.items.reduce((s, g) => s + g.items.length, 0),
    items: d.items.map((g) => {
      const items = g.items.slice(0, Math.max(0, budget));
      budget -= items.length;
      return { key: g.key, count: g.items.length, items };
    }),
  }));
  const planRows = [...due.flatMap((d) => d.items.flatMap((g) => g.items)), ...r.plan.overdue];
  const [planViews, supervisedViews, listViews] = await Promise.all([views(planRows.map((p) => p.row)), views(r.supervisionList.rows.map((s) => s.row)), views(r.list.rows)]);
  const planByRow = new Map(planViews.map((v) => [v.row, v]));
  const planView = (p: (typeof planRows)[number]): PlanRowView => ({
    ...planByRow.get(p.row)!,
    overdueHours: p.overdue ? (t - p.deadline) / 3_600_000 : 0,
    urgency: p.overdue ? urgency(p, t) : 0,
  });

  let openPoints: Float64Array | null = null;
  if (withOpenPoints) {
    const open = e.openRows();
    openPoints = new Float64Array(open.rows.length * 4);
    open.rows.forEach((row, k) => {
      const d = e.detail(row);
      openPoints![k * 4] = d.lon;
      openPoints![k * 4 + 1] = d.lat;
      openPoints![k * 4 + 2] = open.levels[k] as number;
      openPoints![k * 4 + 3] = row;
    });
  }
  return {
    ...r,
    plan: {
      weekStart: r.plan.weekStart,
      weekEnd: r.plan.weekEnd,
      dueCount: r.plan.dueCount,
      due: due.map((d) => ({ key: d.key, count: d.count, items: d.items.map((g) => ({ key: g.key, count: g.count, items: g.items.map(planView) })) })),
      overdue: r.plan.overdue.map(planView),
      overdueCount: r.plan.overdueCount,
    },
    supervisionList: { rows: supervisedViews.map((v, k) => ({ ...v, reason: r.supervisionList.rows[k]!.reason, share: r.supervisionList.rows[k]!.share })), total: r.supervisionList.total },
    list: { rows: listViews, total: r.list.total },
    openPoints,
    binScale: { count: percentile95(r.bins, r.binCount, BIN.all), severity: percentile95(r.bins, r.binCount, BIN.severity) },
    workerMs: performance.now() - started,
  };
}

function clustersFor(bbox: [number, number, number, number], zoom: number): ClusterFeature[] {
  if (!lastBins) return [];
  if (!clusterIndex) {
    const bins = lastBins;
    const points: GeoJSON.Feature<GeoJSON.Point, BinProps>[] = [];
    for (let b = 0; b * BIN_STRIDE < bins.length; b++) {
      const o = b * BIN_STRIDE;
      const statuses = PROBLEM_STATUSES.map((_, k) => bins[o + BIN.status + k] as number);
      points.push({ type: 'Feature', properties: { n: bins[o + BIN.all] as number, s: statuses }, geometry: { type: 'Point', coordinates: [bins[o] as number, bins[o + 1] as number] } });
    }
    clusterIndex = new Supercluster<BinProps, ClusterProps>({
      radius: CLUSTER.radius,
      maxZoom: CLUSTER.maxZoom,
      // Bins carry counts: a cluster sums its bins' problems and status mix.
      map: (p) => ({ n: p.n, s: [...p.s] }),
      reduce: (acc, p) => {
        acc.n += p.n;
        for (let k = 0; k < acc.s.length; k++) acc.s[k]! += p.s[k] ?? 0;
      },
    });
    clusterIndex.load(points);
  }
  const index = clusterIndex;
  return index.getClusters(bbox, Math.floor(zoom)).map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties as BinProps & { cluster?: boolean; cluster_id?: number };
    const isCluster = p.cluster === true;
    return {
      lon,
      lat,
      count: p.n,
      statuses: p.s,
      clusterId: isCluster ? (p.cluster_id as number) : -1,
      expansionZoom: isCluster ? Math.min(CLUSTER.maxZoom + 1, index.getClusterExpansionZoom(p.cluster_id as number)) : CLUSTER.maxZoom + 1,
    };
  });
}

function pointsIn(bbox: [number, number, number, number], limit: number): { points: PointFeature[]; truncated: boolean } {
  const e = engine!;
  const { rows, truncated } = e.pointsIn(bbox, limit);
  const levels = { white: 0, yellow: 1, red: 2 } as const;
  return {
    points: rows.map((row) => {
      const d = e.detail(row);
      return { row, lon: d.lon, lat: d.lat, major: d.major, level: d.level === null ? 3 : levels[d.level], status: d.status };
    }),
    truncated,
  };
}

async function exportCsv(what: 'ledger' | 'plan'): Promise<{ csv: string; rows: number }> {
  const e = engine!;
  const off = e.settings.office.utcOffsetMinutes;
  if (what === 'ledger') {
    const rows = e.selectedRows();
    // Chunk by chunk, so a million-row export never holds every text chunk's rows twice.
    const out: RowView[] = [];
    for (let i = 0; i < rows.length; i += 5000) out.push(...(await views(rows.slice(i, i + 5000))));
    return { csv: ledgerCsv(out, off), rows: out.length };
  }
  if (!lastQuery) throw new Error('no query yet');
  // The whole plan, not the page's first rows.
  const r = e.query({ ...lastQuery, listLimit: Number.MAX_SAFE_INTEGER });
  const week = new Date(r.plan.weekStart + off * 60_000).toISOString().slice(0, 10);
  const t = r.asOf;
  const due = r.plan.due.flatMap((d) => d.items.flatMap((g) => g.items));
  const [dueViews, overdueViews] = await Promise.all([views(due.map((p) => p.row)), views(r.plan.overdue.map((p) => p.row))]);
  const rows: PlanCsvRow[] = [
    ...dueViews.map((v) => ({ ...v, section: '本周应办' as const, week, overdueHours: 0, urgency: 0 })),
    ...overdueViews.map((v, k) => {
      const p = r.plan.overdue[k]!;
      return { ...v, section: '超期未办' as const, week, overdueHours: (t - p.deadline) / 3_600_000, urgency: urgency(p, t) };
    }),
  ];
  return { csv: planCsv(rows, off), rows: rows.length };
}

async function handle(request: WorkerRequest): Promise<WorkerAnswer> {
  if (request.kind === 'init') {
    textUrls = request.textUrls;
    texts.clear();
    const { header, columns } = decodeLedgerTable(await fetchGzip(request.tableUrl));
    engine = new LedgerEngine(header, columns);
    const { offsets: _offsets, ...rest } = header;
    return { kind: 'init', meta: { header: rest, span: engine.reportedSpan() } };
  }
  if (!engine) throw new Error('the ledger is not loaded yet');
  switch (request.kind) {
    case 'query':
      return { kind: 'query', answer: await runQuery(request.query, request.openPoints) };
    case 'clusters':
      return { kind: 'clusters', clusters: clustersFor(request.bbox, request.zoom) };
    case 'points':
      return { kind: 'points', ...pointsIn(request.bbox, request.limit) };
    case 'detail':
      return { kind: 'detail', row: (await views([request.row]))[0]! };
    case 'export':
      return { kind: 'export', ...(await exportCsv(request.what)) };
  }
}

// One request at a time, in order: a query must not interleave with the next one's selection.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let response: WorkerResponse;
    try {
      response = { id: request.id, ok: true, answer: await handle(request) };
    } catch (error) {
      response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const transfer: Transferable[] = [];
    if (response.ok && response.answer.kind === 'query') {
      // Copies: the engine keeps its own bins for the clusters.
      const a = response.answer.answer;
      a.bins = a.bins.slice();
      transfer.push(a.bins.buffer);
      if (a.openPoints) transfer.push(a.openPoints.buffer);
    }
    (self as unknown as Worker).postMessage(response, transfer);
  });
};

