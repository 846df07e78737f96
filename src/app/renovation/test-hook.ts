/**
 * What the renovation workspace exposes on `window.__guatuRenovation` for the browser tests (and an
 * operator's console): whether its layers are on the main map, the month shown, the compare map,
 * and the charts drawn.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface RenovationTestHook {
  /** The workspace's layers are on the main map. */
  mainReady: boolean;
  /** The timeline's month, YYYY-MM. */
  month: string;
  /** The compare view's map while it is open, and whether its first frame is drawn. */
  compareMap: MapLibreMap | null;
  compareReady: boolean;
  /** Per chart id, the number of data points drawn (non-zero once rendered). */
  charts: Record<string, number>;
}

declare global {
  interface Window {
    __guatuRenovation?: RenovationTestHook;
  }
}

export function renovationTestHook(): RenovationTestHook {
  window.__guatuRenovation ??= { mainReady: false, month: '', compareMap: null, compareReady: false, charts: {} };
  return window.__guatuRenovation;
}
