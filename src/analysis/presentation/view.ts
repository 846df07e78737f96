/**
 * A saved map view, the unit both the wall tour and the briefing deck are made of: the query
 * string every workspace reads its view state from (workspace, layers, filters, time…; see
 * src/app/url-state.ts) plus a camera. Pure: tested in Node.
 */
import { JsonReader, type Obj } from './json-check';

export interface Camera {
  /** [longitude, latitude], WGS-84. */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

export const CAMERA_LIMITS = {
  zoom: [0, 24],
  pitch: [0, 85],
  bearing: [-360, 360],
  lon: [-180, 180],
  lat: [-85, 85],
} as const;

/** Width and height in CSS pixels of a map on screen. */
export interface Size {
  width: number;
  height: number;
}

/**
 * Query parameters that describe the screen showing a view, not the view: display mode, language
 * and the wall's own knobs (`wall.*`). A view never stores them, and applying a view keeps the
 * screen's own.
 */
export const SCREEN_PARAMS: readonly string[] = ['mode', 'lang'];
export const SCREEN_PARAM_PREFIX = 'wall.';

function isScreenParam(key: string): boolean {
  return SCREEN_PARAMS.includes(key) || key.startsWith(SCREEN_PARAM_PREFIX);
}

/**
 * A query string from pairs, encoded like encodeURIComponent except for commas, which lists use
 * (`layers=problems,grids`) and which read better unescaped in an address.
 */
export function formatSearch(pairs: Iterable<[string, string]>): string {
  const enc = (v: string) => encodeURIComponent(v).replaceAll('%2C', ',');
  const text = [...pairs].map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return text ? `?${text}` : '';
}

/** The view part of a query string ("?ws=ledger&lg.month=2026-11"), screen parameters removed. */
export function viewSearch(search: string): string {
  return formatSearch([...new URLSearchParams(search)].filter(([key]) => !isScreenParam(key)));
}

/** The query to put in the address to show `view` on this screen: the view's parameters plus the screen's own. */
export function searchOnScreen(view: string, currentSearch: string): string {
  const screen = [...new URLSearchParams(currentSearch)].filter(([key]) => isScreenParam(key));
  return formatSearch([...new URLSearchParams(viewSearch(view)), ...screen]);
}

/**
 * The zoom that shows on a map of `now` size the extent a map of `saved` size showed at `zoom`:
 * each zoom step doubles the scale, so the extent is kept by log2 of the size ratio (the tighter
 * of the two axes, so all of the saved extent stays in view).
 */
export function zoomForSameExtent(zoom: number, saved: Size, now: Size): number {
  if (saved.width <= 0 || saved.height <= 0 || now.width <= 0 || now.height <= 0) return zoom;
  return zoom + Math.log2(Math.min(now.width / saved.width, now.height / saved.height));
}

/** Reads a camera object ({center, zoom, bearing?, pitch?}) from untrusted JSON. */
export function readCamera(r: JsonReader, value: unknown, path: string): Camera {
  const c: Obj = r.object(value, path);
  const center = r.array(c.center, `${path}.center`, 2);
  if (center.length !== 2) r.fail(`${path}.center`, c.center, '[longitude, latitude]');
  return {
    center: [r.number(center[0], `${path}.center[0]`, ...CAMERA_LIMITS.lon), r.number(center[1], `${path}.center[1]`, ...CAMERA_LIMITS.lat)],
    zoom: r.number(c.zoom, `${path}.zoom`, ...CAMERA_LIMITS.zoom),
    bearing: r.optionalNumber(c.bearing, `${path}.bearing`, ...CAMERA_LIMITS.bearing) ?? 0,
    pitch: r.optionalNumber(c.pitch, `${path}.pitch`, ...CAMERA_LIMITS.pitch) ?? 0,
  };
}

/** Reads a view's query string: "" or "?a=b…", at most `maxLength` characters. */
export function readSearch(r: JsonReader, value: unknown, path: string, maxLength = 2000): string {
  const s = r.string(value, path, maxLength);
  if (s !== '' && !s.startsWith('?')) r.fail(path, value, 'a query string starting with "?" (or "")');
  return viewSearch(s);
}
