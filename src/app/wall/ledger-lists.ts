/**
 * Today's red items and the month's 红黑榜 from the ledger's own engine (the ledger workspace's
 * worker, src/app/ledger/ledger-client.ts), so the wall's lists are the same supervision colours
 * and composite score the ledger workspace shows. The query is the wall's own: no filters, at the
 * data's as-of time, the red/black month being the last whole month before it (the monthly
 * evaluation), whatever the ledger workspace's address says. Data without a ledger table (built
 * before the ledger stage) gets null, and the wall falls back to the lists the tiles give.
 */
import type { Manifest } from '../../contract';
import { emptyFilter, monthOf } from '../../analysis/ledger/filters';
import { ENGINE_DEFAULTS, type LedgerQuery } from '../../analysis/ledger/ledger-engine';
import { DAY_MS } from '../../analysis/ledger/working-calendar';
import type { RankRow, RedList, Ranking } from '../../analysis/presentation/wall-lists';
import { LedgerClient } from '../ledger/ledger-client';
import type { LedgerMeta } from '../ledger/protocol';
import { previousMonth } from '../ledger/time';
import { tilesDirectory } from '../tiles-location';

export class LedgerListsReader {
  private client: LedgerClient | null = null;
  private meta: LedgerMeta | null = null;
  private loadedVersion = '';

  constructor(private readonly base: string) {}

  /** The lists at the manifest's data, or null when it has no ledger table. Throws when the table cannot be read. */
  async read(manifest: Manifest): Promise<{ red: RedList; ranking: Ranking } | null> {
    const ledger = manifest.ledger;
    if (!ledger) return null;
    const version = ledger.table.sha256.slice(0, 12);
    if (!this.client || !this.meta || version !== this.loadedVersion) {
      // A rebuilt table: a fresh worker, not two tables in one.
      this.dispose();
      const dir = tilesDirectory(this.base, location.href);
      const withVersion = (file: string) => {
        const u = new URL(file, dir);
        u.searchParams.set('v', version);
        return u.href;
      };
      this.client = new LedgerClient();
      this.meta = await this.client.init(withVersion(ledger.table.file), ledger.text.files.map(withVersion));
      this.loadedVersion = version;
    }
    const h = this.meta.header;
    const query: LedgerQuery = {
      filter: emptyFilter(),
      asOf: h.asOf,
      reboundWindowDays: h.settings.reboundWindowDays,
      window: { from: null, to: null },
      month: previousMonth(monthOf(h.asOf, h.settings.office.utcOffsetMinutes)),
      week: h.asOf + 3 * DAY_MS,
      binMetres: ENGINE_DEFAULTS.binMetres,
      listLimit: ENGINE_DEFAULTS.listLimit,
    };
    const answer = await this.client.query(query, false);
    if (!answer) return null;
    const red: RedList = {
      items: answer.supervisionList.rows
        .filter((r) => r.level === 'red')
        .map((r) => ({
          id: r.id,
          category: r.categoryName || r.category,
          department: r.departmentName || r.department,
          grid: [r.gridName, r.communityName].filter(Boolean).join(' · ') || r.grid,
          reason: r.reason === 'returns' || r.reason === 'rebound' ? r.reason : 'overdue',
          daysOverdue: Math.max(0, Math.floor((h.asOf - r.deadline) / DAY_MS)),
          returns: r.returns,
          severity: 0,
          description: r.description,
        })),
      total: answer.supervision.red,
      basis: 'supervision',
    };
    const row = (u: (typeof answer.redBlack.communities)[number]): RankRow => ({ code: u.code, name: u.name, rank: u.rank, value: u.score });
    const units = answer.redBlack.communities;
    const ranking: Ranking = {
      red: units.filter((u) => u.list === 'red').sort((a, b) => a.rank - b.rank).map(row),
      black: units.filter((u) => u.list === 'black').sort((a, b) => b.rank - a.rank).map(row),
      basis: 'score',
      month: answer.redBlack.month,
    };
    return { red, ranking };
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
    this.meta = null;
    this.loadedVersion = '';
  }
}
