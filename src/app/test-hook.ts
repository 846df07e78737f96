import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * What the app exposes on `window.__guatu` for the browser tests (and for an operator's console):
 * the live map, and whether the manifest and every overlay source have loaded.
 */
export interface GuatuTestHook {
  map: MapLibreMap | null;
  /** True once the style, all sources and the first full render are done. */
  ready: boolean;
  /** Errors the app caught and showed to the user (tile archive missing, manifest unreadable…). */
  errors: string[];
}

declare global {
  interface Window {
    __guatu?: GuatuTestHook;
  }
}

export function testHook(): GuatuTestHook {
  window.__guatu ??= { map: null, ready: false, errors: [] };
  return window.__guatu;
}
