/**
 * The overview's view state in the address: which overlay groups are on (`layers=problems,grids`;
 * absent = all, empty = none) and the grid choropleth's metric (`metric=renovation_coverage`;
 * absent = open problems). Defaults are left out of the address, so a plain URL stays plain.
 * This is what lets a wall tour step or a briefing scene choose the overview's overlays.
 * Pure: tested in Node.
 */
import { GRID_METRICS, type GridMetric } from '../../contract';
import { OVERLAY_GROUPS } from '../map/layer-ids';
import type { Visibility } from '../map/style/build-style';

export const LAYERS_PARAM = 'layers';
export const METRIC_PARAM = 'metric';
export const DEFAULT_METRIC: GridMetric = 'open_problems';

export interface OverviewView {
  visible: Visibility;
  metric: GridMetric;
}

export function overviewFromSearch(search: string): OverviewView {
  const params = new URLSearchParams(search);
  const layers = params.get(LAYERS_PARAM);
  const on = layers === null ? null : new Set(layers.split(',').map((s) => s.trim()));
  const visible = Object.fromEntries(OVERLAY_GROUPS.map((g) => [g, on === null || on.has(g)])) as Visibility;
  const m = params.get(METRIC_PARAM);
  const metric = (GRID_METRICS as readonly string[]).includes(m ?? '') ? (m as GridMetric) : DEFAULT_METRIC;
  return { visible, metric };
}

/** The address with the overview's state written in (defaults dropped), everything else kept. */
export function urlWithOverview(href: string, view: OverviewView): string {
  const url = new URL(href);
  const on = OVERLAY_GROUPS.filter((g) => view.visible[g]);
  if (on.length === OVERLAY_GROUPS.length) url.searchParams.delete(LAYERS_PARAM);
  else url.searchParams.set(LAYERS_PARAM, on.join(','));
  if (view.metric === DEFAULT_METRIC) url.searchParams.delete(METRIC_PARAM);
  else url.searchParams.set(METRIC_PARAM, view.metric);
  // URLSearchParams escapes the commas of a list; they read better as they are.
  return url.href.replaceAll('%2C', ',');
}
