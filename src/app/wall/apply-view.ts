/**
 * Shows a saved view on the live map: its query goes into the address and every workspace re-reads
 * it (url-state.ts), and the camera moves. Used by the wall tour and the briefing's scenes.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { searchOnScreen } from '../../analysis/presentation/view';
import { tick } from 'svelte';
import { applyUrlState, URL_STATE_EVENT } from '../url-state';

/**
 * Puts a view's query in the address, keeping the screen's own parameters (mode, lang, wall.*).
 * A view that switches workspace mounts that workspace's components only after the first
 * announcement, and one that subscribes on mounting would miss it: so once they are mounted
 * (Svelte's tick), the view is announced again. Re-reading the same view is harmless.
 */
export function showSearch(viewQuery: string): Promise<void> {
  applyUrlState(searchOnScreen(viewQuery, location.search));
  return tick().then(() => {
    window.dispatchEvent(new Event(URL_STATE_EVENT));
  });
}

/**
 * Resolves on the map's next 'idle' (every tile of the view drawn, nothing animating), or after
 * `timeoutMs` with whatever is drawn by then: an export must not hang on one slow archive.
 */
export function waitForIdle(map: MapLibreMap, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('idle', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    map.once('idle', done);
    map.triggerRepaint();
  });
}

/**
 * Waits until the map has settled after a view change: idle, a short pause for workspaces that
 * update their layers asynchronously (a worker filtering the ledger), then idle again.
 */
export async function waitForSettled(map: MapLibreMap, timeoutMs = 60_000): Promise<void> {
  await waitForIdle(map, timeoutMs);
  await new Promise((r) => setTimeout(r, 250));
  await waitForIdle(map, timeoutMs);
}
