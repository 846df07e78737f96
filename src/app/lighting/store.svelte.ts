/**
 * The lighting workspace's shared state: the manifest's lighting section and the view (kept in the
 * address), and the night view's state that follows from them. The map component and the panel
 * both read it, so the slider, the glowing lamps and the count in the panel always agree.
 * The schedule maths is a few sun positions per moved slider step: light enough for the UI thread.
 */
import type { LightingSummary, Manifest } from '../../contract';
import { onUrlState } from '../url-state';
import { asOfNight, nightState, type NightState } from './night-view';
import { EVENING, readLightingView, urlWithLightingView, type LightingView } from './view-state';

class LightingStore {
  view = $state<LightingView>(readLightingView(location.search));
  summary = $state.raw<LightingSummary | null>(null);
  asOf = $state('');
  /** A place the map should fly to (a lamp picked in the faulty list); the map clears it. */
  focus = $state.raw<{ lon: number; lat: number } | null>(null);

  night = $derived(this.view.date ?? (this.summary && this.asOf ? asOfNight(this.asOf, this.summary.settings.timeZone) : ''));
  minute = $derived(this.view.minute ?? EVENING.initial);
  disabled = $derived(new Set(this.view.disabled));
  state = $derived<NightState | null>(this.summary && this.night ? nightState(this.summary, this.night, this.minute, this.disabled) : null);

  setManifest(manifest: Manifest): void {
    this.summary = manifest.lighting ?? null;
    this.asOf = manifest.asOf;
  }

  /** Changes the view and writes it into the address (replaceState: no history entry per slider step). */
  update(patch: Partial<LightingView>): void {
    this.view = { ...this.view, ...patch };
    history.replaceState(history.state, '', urlWithLightingView(location.href, this.view));
  }

  /** Re-reads the view when a tour step or briefing scene applies a saved one; returns the unsubscribe. */
  followAddress(): () => void {
    return onUrlState((search) => {
      this.view = readLightingView(search);
    });
  }
}

export const lighting = new LightingStore();

// A tour step or briefing scene that applies a saved view updates the night view too.
lighting.followAddress();
