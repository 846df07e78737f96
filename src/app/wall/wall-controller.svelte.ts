/**
 * What runs the wall screen: the tour (stop → fly → dwell → next), the manifest poll that reloads
 * rebuilt archives in place, the retries of archives that failed, and the lists read in a worker.
 * Reactive fields ($state) are what the wall's components draw; everything else is bookkeeping.
 * One instance per wall session; `destroy()` clears every timer and listener it made, so entering
 * and leaving wall mode, or touring for days, leaves nothing behind.
 */
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import { ARCHIVES, PROBLEM_DETAIL_MINZOOM, type ArchiveName, type Manifest } from '../../contract';
import { afterFailure, BACKOFF_DEFAULTS, HEALTHY, type RetryState } from '../../analysis/presentation/backoff';
import { manifestChange } from '../../analysis/presentation/manifest-change';
import { nextStop, parseTour, tourStops, type Bounds, type Tour, type TourPlace, type TourStop } from '../../analysis/presentation/tour';
import { loadRanking, type RedList, type Ranking } from '../../analysis/presentation/wall-lists';
import { wallLayout, type WallLayout } from '../../analysis/presentation/wall-layout';
import defaultTourJson from '../../../data/tour.json';
import { SOURCE_IDS } from '../map/layer-ids';
import { openArchives, pmtilesProtocol } from '../map/pmtiles-archives';
import { buildStyle } from '../map/style/build-style';
import { archiveUrl, manifestUrl } from '../tiles-location';
import { overviewFromSearch } from '../ui/overview-query';
import { showSearch } from './apply-view';
import { applyTheme, themedStyle } from './dark-theme';
import { retryUrl, tourFileUrl, wallKnobs, type WallKnobs } from './display-mode';
import { pollManifest } from './manifest-poller';
import { layersToRestore } from './restore-layers';
import { LedgerListsReader } from './ledger-lists';
import { WallDataClient } from './wall-data-client';
import { publishWallHook } from './wall-hook';
import { TimerBag } from './timer-bag';

/** Things that can fail and are retried, each shown as a status mark while failing. */
export type HealthKey = ArchiveName | 'manifest' | 'lists';

export interface WallOptions {
  /** Vite's BASE_URL, to find tiles/ beside the page. */
  base: string;
  /** Called with each rebuilt manifest, so the app (popups, choropleth breaks) follows it. */
  onmanifest: (m: Manifest) => void;
}

const ARCHIVE_NAMES = Object.keys(ARCHIVES) as ArchiveName[];
/** A flight that never reports its end (interrupted, zero length) still moves on after this. */
const FLIGHT_GRACE_MS = 3_000;
/** The built-in tour is checked at build time by src/analysis/presentation/tour.test.ts. */
const DEFAULT_TOUR: Tour = parseTour(defaultTourJson, 'data/tour.json');

export class WallController {
  stops = $state.raw<TourStop[]>([]);
  index = $state(0);
  paused = $state(false);
  layout = $state.raw<WallLayout>(wallLayout(innerWidth, innerHeight));
  manifest = $state.raw<Manifest>(null as unknown as Manifest);
  health = $state.raw<Partial<Record<HealthKey, RetryState>>>({});
  red = $state.raw<RedList | null>(null);
  ranking = $state.raw<Ranking | null>(null);
  tourError = $state<string | null>(null);
  /** builtAt of the last rebuilt manifest applied in place; null until one arrives. */
  refreshedAt = $state<string | null>(null);

  private readonly map: MapLibreMap;
  private readonly options: WallOptions;
  private readonly knobs: WallKnobs;
  private tour: Tour = DEFAULT_TOUR;
  private communityBounds: Record<string, Bounds> | null = null;
  private etag: string | null = null;
  private transitions = 0;
  private refreshes = 0;
  private dataClient: WallDataClient | null = null;
  private readonly ledgerLists: LedgerListsReader;
  /** The latest readData call; an older answer arriving late is dropped. */
  private dataSeq = 0;
  private tourTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly timers = new TimerBag();
  private readonly cleanups: (() => void)[] = [];
  private cancelFlight: (() => void) | null = null;
  private destroyed = false;
  /** Retries attempted per archive, so each retry opens a fresh PMTiles reader (new URL). */
  private readonly attempts: Partial<Record<ArchiveName, number>> = {};
  private readonly retrying: Partial<Record<HealthKey, true>> = {};

  constructor(map: MapLibreMap, manifest: Manifest, options: WallOptions) {
    this.map = map;
    this.manifest = manifest;
    this.options = options;
    this.knobs = wallKnobs(location.search);
    this.ledgerLists = new LedgerListsReader(options.base);
  }

  start(): void {
    const m = this.map;
    // Nobody touches the wall: a stray click or scroll must not break a flight.
    for (const handler of [m.dragPan, m.scrollZoom, m.boxZoom, m.dragRotate, m.keyboard, m.doubleClickZoom, m.touchZoomRotate]) handler.disable();
    applyTheme(m, 'dark');
    // The panels cover the map's edges: the camera centres on the free area between them. Set on
    // the map once (not per flight: MapLibre adds a flight's padding to the map's own).
    m.setPadding(this.layout.mapPadding);
    const onResize = () => {
      this.layout = wallLayout(innerWidth, innerHeight);
      m.setPadding(this.layout.mapPadding);
    };
    addEventListener('resize', onResize);
    this.cleanups.push(() => removeEventListener('resize', onResize));
    const onError = (event: { sourceId?: string; error?: { name?: string; message?: string } }) => this.onMapError(event);
    m.on('error', onError);
    this.cleanups.push(() => m.off('error', onError));

    for (const name of ARCHIVE_NAMES) {
      if (!m.getSource(SOURCE_IDS[name])) this.fail(name, 'not loaded at start');
    }
    this.dataClient = new WallDataClient();
    void this.loadTour().then(() => {
      if (this.destroyed) return;
      this.rebuildStops();
      this.go(0);
    });
    this.readData();
    this.schedulePoll(this.knobs.pollSeconds * 1000);
    this.publish();
  }

  destroy(): void {
    this.destroyed = true;
    this.cancelFlight?.();
    this.timers.clearAll();
    for (const c of this.cleanups.splice(0)) c();
    this.dataClient?.dispose();
    this.ledgerLists.dispose();
    const m = this.map;
    for (const handler of [m.dragPan, m.scrollZoom, m.boxZoom, m.dragRotate, m.keyboard, m.doubleClickZoom, m.touchZoomRotate]) handler.enable();
    m.stop();
    m.setPadding({ top: 0, right: 0, bottom: 0, left: 0 });
    applyTheme(m, 'light');
    publishWallHook(null);
  }

  // ——— timers ———

  private later(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    return this.timers.later(ms, () => {
      if (!this.destroyed) fn();
    });
  }

  private clearTimer(t: ReturnType<typeof setTimeout> | null): void {
    if (t !== null) this.timers.clear(t);
  }

  // ——— the tour ———

  /**
   * The tour: the file named by ?wall.tour= (an office's own, e.g. `tiles/tour.json` beside the
   * manifest), else the built-in data/tour.json. A file that fails or does not validate is shown
   * as a status mark and the built-in tour runs.
   */
  private async loadTour(): Promise<void> {
    const url = tourFileUrl(this.knobs, location.href);
    if (url === null) return;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      this.tour = parseTour(await response.json(), url);
    } catch (e) {
      this.tourError = e instanceof Error ? e.message : String(e);
    }
  }

  private rebuildStops(): void {
    const places: TourPlace[] = this.manifest.communities.map((c) => ({ code: c.code, name: c.name, bounds: this.communityBounds?.[c.code] ?? null }));
    const current = this.stops[this.index]?.key;
    this.stops = tourStops(this.tour, { subdistrictBounds: this.manifest.bounds, communities: places }, { dwellSeconds: this.knobs.dwellSeconds });
    const kept = this.stops.findIndex((s) => s.key === current);
    if (kept >= 0) this.index = kept;
    else if (this.index >= this.stops.length) this.index = 0;
  }

  private flyMs(): number {
    return Math.round((this.knobs.flySeconds ?? this.tour.flySeconds) * 1000);
  }

  /** Shows stop `i`: its view in the address, a flight to its camera, then the dwell. */
  go(i: number): void {
    const stop = this.stops[i];
    if (!stop || this.destroyed) return;
    this.cancelFlight?.();
    this.clearTimer(this.tourTimer);
    this.tourTimer = null;
    this.index = i;
    this.transitions++;
    void showSearch(stop.search);

    const m = this.map;
    let arrived = false;
    const arrive = () => {
      if (arrived) return;
      arrived = true;
      this.cancelFlight = null;
      m.off('moveend', arrive);
      this.clearTimer(grace);
      this.scheduleNext(stop);
      this.publish();
    };
    // Registered before the move: a zero-length flight ends inside the call.
    m.on('moveend', arrive);
    const duration = this.flyMs();
    const grace = this.later(duration + FLIGHT_GRACE_MS, arrive);
    this.cancelFlight = () => {
      arrived = true;
      m.off('moveend', arrive);
      this.clearTimer(grace);
      this.cancelFlight = null;
    };
    if (stop.camera.kind === 'fit') {
      m.fitBounds(stop.camera.bounds, { padding: 0, bearing: stop.camera.bearing, pitch: stop.camera.pitch, duration, essential: true, maxZoom: 17 });
    } else {
      const c = stop.camera.camera;
      m.flyTo({ center: c.center, zoom: c.zoom + this.layout.zoomOffset, bearing: c.bearing, pitch: c.pitch, duration, essential: true });
    }
    this.publish();
  }

  private scheduleNext(stop: TourStop): void {
    if (this.paused || this.destroyed) return;
    this.tourTimer = this.later(stop.dwellMs, () => this.go(nextStop(this.index, this.stops.length)));
  }

  step(direction: 1 | -1): void {
    this.go(nextStop(this.index, this.stops.length, direction));
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (this.paused) {
      this.clearTimer(this.tourTimer);
      this.tourTimer = null;
    } else if (!this.cancelFlight) {
      const stop = this.stops[this.index];
      if (stop) this.scheduleNext(stop);
    }
    this.publish();
  }

  // ——— health and retries ———

  private fail(key: HealthKey, error: string): void {
    const before = this.health[key] ?? HEALTHY;
    const after = afterFailure(before, error, Date.now(), { ...BACKOFF_DEFAULTS, baseMs: this.knobs.retrySeconds * 1000 });
    this.health = { ...this.health, [key]: after };
    if (key !== 'manifest') this.scheduleRetry(key, (after.nextAt ?? Date.now()) - Date.now());
    this.publish();
  }

  private heal(key: HealthKey): void {
    if (!this.health[key]) return;
    const next = { ...this.health };
    delete next[key];
    this.health = next;
    this.publish();
  }

  private scheduleRetry(key: Exclude<HealthKey, 'manifest'>, delayMs: number): void {
    if (this.retrying[key]) return;
    this.retrying[key] = true;
    this.later(Math.max(0, delayMs), () => {
      delete this.retrying[key];
      if (key === 'lists') this.readData();
      else void this.reloadArchive(key, this.manifest, true);
    });
  }

  private onMapError(event: { sourceId?: string; error?: { name?: string; message?: string } }): void {
    if (event.error?.name === 'AbortError') return;
    const name = ARCHIVE_NAMES.find((n) => SOURCE_IDS[n] === event.sourceId);
    // Every tile of a broken archive fails: mark it once, the retry does the rest.
    if (name && !this.health[name]) this.fail(name, event.error?.message ?? 'tile failed to load');
  }

  /**
   * Opens an archive again (after a rebuild, or as a retry) and points its source at it: the
   * source reloads its tiles in place, keeping the old ones drawn until the new ones arrive, so
   * the map does not flash. An archive that had no source (failed at start) gets its source and
   * its layers back.
   */
  private async reloadArchive(name: ArchiveName, manifest: Manifest, isRetry: boolean): Promise<boolean> {
    let url = archiveUrl(name, manifest, this.options.base, location.href);
    if (isRetry) url = retryUrl(url, (this.attempts[name] = (this.attempts[name] ?? 0) + 1));
    const opened = await openArchives({ [name]: url } as Record<ArchiveName, string>);
    if (this.destroyed) return false;
    const sourceUrl = opened.sourceUrls[name];
    if (!sourceUrl) {
      this.fail(name, opened.failures[0]?.message ?? 'could not be opened');
      return false;
    }
    const m = this.map;
    const source = m.getSource<VectorTileSource>(SOURCE_IDS[name]);
    if (source) {
      const old = source.url;
      if (old !== sourceUrl) {
        source.setUrl(sourceUrl);
        if (old?.startsWith('pmtiles://')) pmtilesProtocol().tiles.delete(old.slice('pmtiles://'.length));
      }
    } else {
      this.addArchiveLayers(name, sourceUrl, manifest);
    }
    this.heal(name);
    // A recovered archive makes the lists readable again.
    if (isRetry && (name === 'grids' || name === 'problems')) this.readData();
    return true;
  }

  /** Source and layers of an archive that was missing, themed dark, where the builders put them. */
  private addArchiveLayers(name: ArchiveName, sourceUrl: string, manifest: Manifest): void {
    const m = this.map;
    const { visible, metric } = overviewFromSearch(location.search);
    const all = Object.fromEntries(ARCHIVE_NAMES.map((n) => [n, n === name ? sourceUrl : `pmtiles://unused/${n}`]));
    const ordered = themedStyle(buildStyle({ manifest, archiveUrls: all, metric, visible }), 'dark').layers;
    m.addSource(SOURCE_IDS[name], { type: 'vector', url: sourceUrl });
    const onMap = m.getStyle().layers.map((l) => l.id);
    for (const { layer, beforeId } of layersToRestore(ordered, SOURCE_IDS[name], onMap)) m.addLayer(layer, beforeId);
  }

  // ——— auto-refresh ———

  private schedulePoll(delayMs: number): void {
    this.later(delayMs, () => void this.poll());
  }

  private async poll(): Promise<void> {
    try {
      const result = await pollManifest(manifestUrl(this.options.base, location.href), this.etag);
      if (this.destroyed) return;
      this.heal('manifest');
      if (result.status === 'fetched') {
        this.etag = result.etag;
        await this.refresh(result.manifest);
      }
      this.schedulePoll(this.knobs.pollSeconds * 1000);
    } catch (e) {
      if (this.destroyed) return;
      this.fail('manifest', e instanceof Error ? e.message : String(e));
      const next = this.health.manifest?.nextAt ?? Date.now() + this.knobs.pollSeconds * 1000;
      this.schedulePoll(Math.max(this.knobs.pollSeconds * 1000, next - Date.now()));
    }
  }

  /** Applies a rebuilt manifest: changed archives reload in place, figures and lists follow. */
  private async refresh(next: Manifest): Promise<void> {
    const change = manifestChange(this.manifest, next);
    if (!change.changed) return;
    for (const name of change.archives) {
      if (!ARCHIVE_NAMES.includes(name) || !next.archives.some((a) => a.name === name)) continue;
      await this.reloadArchive(name, next, false);
      if (this.destroyed) return;
    }
    this.manifest = next;
    this.refreshes++;
    this.refreshedAt = next.builtAt;
    this.options.onmanifest(next);
    this.readData();
    this.publish();
  }

  // ——— lists ———

  /**
   * Reads the lists: the ledger's own (red by supervision, the month's score) when the data has its
   * table, else the tiles' (overdue, the current load); and each community's outline for the tour.
   */
  private readData(): void {
    const client = this.dataClient;
    if (!client) return;
    const m = this.manifest;
    const seq = ++this.dataSeq;
    const urlOf = (name: ArchiveName) => (this.map.getSource(SOURCE_IDS[name]) && !this.health[name] ? archiveUrl(name, m, this.options.base, location.href) : null);
    const fromTiles = client.read({
      problemsUrl: urlOf('problems'),
      gridsUrl: urlOf('grids'),
      bounds: m.bounds,
      asOf: m.asOf,
      detailZoom: PROBLEM_DETAIL_MINZOOM,
      categories: m.categories.map((c) => [c.code, c.name]),
      departments: m.departments.map((d) => [d.code, d.name]),
      communities: m.communities.map((c) => [c.code, c.name]),
    });
    const fromLedger = this.ledgerLists.read(m);
    void Promise.allSettled([fromTiles, fromLedger]).then(([tiles, ledger]) => {
      if (this.destroyed || seq !== this.dataSeq) return;
      const errors: string[] = [];
      const data = tiles.status === 'fulfilled' ? tiles.value : null;
      if (tiles.status === 'rejected') errors.push(String(tiles.reason instanceof Error ? tiles.reason.message : tiles.reason));
      if (data) errors.push(...data.errors);
      if (data?.communityBounds) {
        this.communityBounds = data.communityBounds;
        if (this.stops.length > 0) this.rebuildStops();
      }
      if (ledger.status === 'fulfilled' && ledger.value) {
        this.red = ledger.value.red;
        this.ranking = ledger.value.ranking;
      } else {
        if (ledger.status === 'rejected') errors.push(`ledger: ${ledger.reason instanceof Error ? ledger.reason.message : String(ledger.reason)}`);
        this.red = data?.red ? { items: data.red, total: data.red.length, basis: 'overdue' } : null;
        this.ranking = data?.communityLoads ? loadRanking(data.communityLoads) : null;
      }
      if (errors.length > 0) this.fail('lists', errors.join('; '));
      else this.heal('lists');
      this.publish();
    });
  }

  // ——— for tests and the soak benchmark ———

  private publish(): void {
    if (this.destroyed) return;
    publishWallHook({
      stopKey: this.stops[this.index]?.key ?? null,
      index: this.index,
      stops: this.stops.length,
      transitions: this.transitions,
      refreshes: this.refreshes,
      builtAt: this.manifest.builtAt,
      paused: this.paused,
      failing: Object.keys(this.health),
      redItems: this.red?.total ?? null,
    });
  }
}
