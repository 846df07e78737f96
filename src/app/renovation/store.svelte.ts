/**
 * The renovation workspace's shared state: the product (loaded once), the view (kept in the
 * address), and what follows from them — the month's coverage, the gap list, the selection.
 * The map component and the panel both read it, so a click on the map and a click in the list
 * are the same action.
 *
 * Coverage is recomputed in the browser for each month from the product (a few milliseconds for
 * the demo and about 20 ms at 5,000 compounds: docs/BENCHMARKS.md), so no per-month figures are
 * shipped and the cut-off year can be tried freely. That is light enough for the UI thread; the
 * month-independent spatial work (area splits, problems per compound) was done in the pipeline.
 */
import type { CompoundStatus, Manifest, RenovationProduct } from '../../contract';
import {
  clampMonth,
  coverageAt,
  gapList,
  instantOfMonth,
  monthRange,
  prepareModel,
  type CoverageAt,
  type GapRow,
  type RenovationModel,
} from '../../analysis/renovation';
import { onUrlState } from '../url-state';
import { loadRenovationProduct, renovationProductUrl } from './product-loader';
import { readRenovationView, urlWithRenovationView, type RenovationView } from './view-state';

class RenovationStore {
  view = $state<RenovationView>(readRenovationView(location.search));
  product = $state.raw<RenovationProduct | null>(null);
  model = $state.raw<RenovationModel | null>(null);
  /** Why the product could not be loaded (shown in the panel). */
  error = $state<string | null>(null);
  /** No product in this data set (built before the renovation stage existed). */
  missing = $state(false);
  playing = $state(false);
  private loadedFrom: string | null = null;

  months = $derived(this.product ? monthRange(this.product.firstMonth, this.product.lastMonth) : []);
  month = $derived(this.product ? clampMonth(this.view.month, this.product.firstMonth, this.product.lastMonth) : '');
  compareMonth = $derived(this.product && this.view.compare !== null ? clampMonth(this.view.compare, this.product.firstMonth, this.product.lastMonth) : null);
  cutoff = $derived(this.view.cutoff ?? this.product?.oldCompoundBefore ?? 2000);
  instant = $derived(this.product ? instantOfMonth(this.month, this.product.asOf) : 0);
  coverage = $derived<CoverageAt | null>(this.model ? coverageAt(this.model, this.instant, this.cutoff) : null);
  /** Statuses at asOf: the gap list is about now, whatever month the timeline shows. */
  statusNow = $derived<CompoundStatus[]>(this.model ? coverageAt(this.model, this.model.product.asOf, this.cutoff).compoundStatus : []);
  gaps = $derived<GapRow[]>(this.product ? gapList(this.product, this.statusNow, this.cutoff, this.view.gapSort) : []);
  communityIndex = $derived(this.product && this.view.community ? this.product.communities.findIndex((c) => c.code === this.view.community) : -1);
  compoundIndex = $derived(this.product && this.view.compound ? this.product.compounds.findIndex((c) => c.id === this.view.compound) : -1);

  /** Loads the product named by the manifest, once per file version. */
  async load(manifest: Manifest, base: string): Promise<void> {
    const url = renovationProductUrl(manifest, base, location.href);
    if (url === null) {
      this.missing = true;
      return;
    }
    if (url === this.loadedFrom) return;
    this.loadedFrom = url;
    try {
      const product = await loadRenovationProduct(url);
      this.product = product;
      this.model = prepareModel(product);
      this.error = null;
    } catch (e) {
      this.loadedFrom = null;
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Changes the view and writes it into the address (replaceState: no history entry per click). */
  update(patch: Partial<RenovationView>): void {
    this.view = { ...this.view, ...patch };
    history.replaceState(history.state, '', urlWithRenovationView(location.href, this.view));
  }

  /** Drills into a compound, and its community, so "back" leads there. */
  selectCompound(id: string): void {
    const p = this.product;
    const c = p?.compounds.find((x) => x.id === id);
    const grid = p && c && c.grid >= 0 ? p.grids[c.grid] : undefined;
    const community = p && grid ? (p.communities[grid.community]?.code ?? null) : null;
    this.update({ compound: id, community, tab: 'figures' });
  }

  /** Re-reads the view when a tour step or briefing scene applies a saved one; returns the unsubscribe. */
  followAddress(): () => void {
    return onUrlState((search) => {
      this.playing = false;
      this.view = readRenovationView(search);
    });
  }
}

export const renovation = new RenovationStore();
