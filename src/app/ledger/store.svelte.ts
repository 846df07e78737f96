/**
 * The ledger workspace's shared state: the view (kept in the address), the table's lookups once the
 * worker has loaded it, and the latest answer. The map component and the panel both read it, so a
 * filter set in the panel and a click on the map are the same action; every change of the view
 * sends one query to the worker, and everything on screen follows its answer.
 */
import { tick } from 'svelte';
import type { Manifest } from '../../contract';
import { localDayMs, monthOf } from '../../analysis/ledger/filters';
import { ENGINE_DEFAULTS, type LedgerQuery } from '../../analysis/ledger/ledger-engine';
import { DAY_MS } from '../../analysis/ledger/working-calendar';
import { localMinuteMs, previousMonth } from './time';
import { onUrlState } from '../url-state';
import { tilesDirectory } from '../tiles-location';
import { LedgerClient } from './ledger-client';
import { defaultView, urlWithView, viewFromSearch, type LedgerView } from './ledger-url';
import type { LedgerMeta, QueryAnswer } from './protocol';
import { ledgerTestHook } from './test-hook';

class LedgerStore {
  view = $state<LedgerView>(viewFromSearch(location.search));
  meta = $state.raw<LedgerMeta | null>(null);
  answer = $state.raw<QueryAnswer | null>(null);
  error = $state<string | null>(null);
  /** This data set has no ledger table (built before the ledger stage existed). */
  missing = $state(false);
  busy = $state(false);
  playing = $state(false);
  client: LedgerClient | null = null;
  private loadedFrom: string | null = null;
  /** When the view last changed, for the timings the benchmark reads. */
  private changedAt = 0;
  private seq = 0;

  offset = $derived(this.meta?.header.settings.office.utcOffsetMinutes ?? 480);
  dataAsOf = $derived(this.meta?.header.asOf ?? 0);
  asOf = $derived(this.meta ? Math.min(this.dataAsOf, (this.view.asOf && localMinuteMs(this.view.asOf, this.offset)) || this.dataAsOf) : 0);
  reboundWindowDays = $derived(this.view.reboundWindowDays ?? this.meta?.header.settings.reboundWindowDays ?? 30);
  /** The red/black month: the one chosen, or the last whole month before the as-of (the monthly evaluation). */
  month = $derived(this.view.month ?? (this.meta ? previousMonth(monthOf(this.asOf, this.offset)) : ''));
  /** The plan's week: the one chosen, or the week after the as-of (the plan is set on Friday for next week). */
  weekAnchor = $derived(this.view.week ? (localDayMs(this.view.week, this.offset) ?? this.asOf) : this.asOf + 3 * DAY_MS);

  /** Loads the table named by the manifest (once per file version) and runs the first query. */
  async load(manifest: Manifest, base: string): Promise<void> {
    const ledger = manifest.ledger;
    if (!ledger) {
      this.missing = true;
      return;
    }
    const dir = tilesDirectory(base, location.href);
    const version = ledger.table.sha256.slice(0, 12);
    const tableUrl = new URL(ledger.table.file, dir);
    tableUrl.searchParams.set('v', version);
    if (tableUrl.href === this.loadedFrom) return;
    this.loadedFrom = tableUrl.href;
    const textUrls = ledger.text.files.map((f) => {
      const u = new URL(f, dir);
      u.searchParams.set('v', version);
      return u.href;
    });
    this.client ??= new LedgerClient();
    try {
      const started = performance.now();
      this.meta = await this.client.init(tableUrl.href, textUrls);
      ledgerTestHook().loadMs = performance.now() - started;
      ledgerTestHook().rows = this.meta.header.rows;
      this.changedAt = performance.now();
      await this.run();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Follows views applied from outside (a tour step, a briefing scene). Returns the unsubscribe. */
  followAddress(): () => void {
    return onUrlState((search) => {
      this.view = viewFromSearch(search);
      this.changedAt = performance.now();
      void this.run();
    });
  }

  /** Changes the view, writes it into the address and asks the worker again. */
  update(change: Partial<LedgerView>): void {
    this.view = { ...this.view, ...change };
    history.replaceState(history.state, '', urlWithView(location.href, this.view));
    this.changedAt = performance.now();
    void this.run();
  }

  setFilter(change: Partial<LedgerView['filter']>): void {
    this.update({ filter: { ...this.view.filter, ...change } });
  }

  reset(): void {
    const d = defaultView();
    this.update({ filter: d.filter, asOf: null, reboundWindowDays: null });
  }

  query(): LedgerQuery | null {
    if (!this.meta) return null;
    const t = this.asOf;
    const unitMs = this.view.timelineUnit === 'week' ? 7 * DAY_MS : 30 * DAY_MS;
    return {
      filter: $state.snapshot(this.view.filter) as LedgerQuery['filter'],
      asOf: t,
      reboundWindowDays: this.reboundWindowDays,
      window: this.view.timelineMode === 'moving' ? { from: t - unitMs, to: null } : { from: null, to: null },
      month: this.month,
      week: this.weekAnchor,
      binMetres: ENGINE_DEFAULTS.binMetres,
      listLimit: ENGINE_DEFAULTS.listLimit,
    };
  }

  private async run(): Promise<void> {
    const q = this.query();
    if (!q || !this.client) return;
    const seq = ++this.seq;
    const changedAt = this.changedAt;
    this.busy = true;
    try {
      const answer = await this.client.query(q, this.view.layer === 'supervision');
      if (answer === null || seq !== this.seq) return;
      // Before the answer lands: the map's effect runs in the same flush and takes the mark.
      ledgerTestHook().pendingRepaint = { since: changedAt, seq };
      this.answer = answer;
      this.error = null;
      await tick();
      const hook = ledgerTestHook();
      hook.kpiMs = performance.now() - changedAt;
      hook.workerMs = answer.workerMs;
      hook.engineMs = answer.ms;
      hook.phases = answer.phases;
      hook.matched = answer.matched;
      hook.queries++;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }
}

export const ledger = new LedgerStore();
