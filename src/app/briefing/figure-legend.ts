/**
 * The exported figure's legend: one section per overlay group the map shows, from the same palette
 * and class breaks as the on-screen legend (../ui/Legend.svelte), so the figure agrees with the map.
 * Layers a feature workspace adds on its own are not in it (their legends live in their panels).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GridMetric, Manifest } from '../../contract';
import type { Lang } from '../i18n/language';
import type { Translate } from '../i18n/translate';
import { OVERLAY_GROUPS, OVERLAY_LAYER_IDS, type OverlayGroup } from '../map/layer-ids';
import { COMPOUND_STATUS_COLORS, GRID_LINES, HEAT_RAMP, LAMP_STATUS_COLORS, LAMP_TYPE_STROKES, OLD_UNREACHED, PROBLEM_OVERDUE_RING } from '../map/palette';
import { choroplethClasses } from '../map/style/choropleth';
import { legendClasses } from '../ui/legend-labels';

export type Swatch =
  | { kind: 'fill'; color: string; stroke?: string; dashed?: boolean }
  | { kind: 'line'; color: string; width: number }
  | { kind: 'dot'; color: string; stroke: string; strokeWidth: number }
  | { kind: 'ramp'; stops: readonly [number, string][] }
  | { kind: 'classes'; items: { color: string; label: string }[] };

export interface LegendRow {
  swatch: Swatch;
  label: string;
}

export interface LegendSection {
  title: string;
  rows: LegendRow[];
}

/** The overlay groups the live map draws now (layer present and visible). */
export function visibleGroups(map: MapLibreMap): OverlayGroup[] {
  return OVERLAY_GROUPS.filter((g) =>
    OVERLAY_LAYER_IDS[g].some((id) => map.getLayer(id) !== undefined && map.getLayoutProperty(id, 'visibility') !== 'none'),
  );
}

export function figureLegend(groups: readonly OverlayGroup[], metric: GridMetric, manifest: Pick<Manifest, 'gridMetricBreaks'>, lang: Lang, t: Translate): LegendSection[] {
  return groups.map((group): LegendSection => {
    switch (group) {
      case 'grids':
        return {
          title: t('legend.grids.choroplethCaption', { metric: t(`metric.${metric}`) }),
          rows: [
            { swatch: { kind: 'classes', items: legendClasses(metric, choroplethClasses(metric, manifest.gridMetricBreaks[metric] ?? []), lang) }, label: '' },
            { swatch: { kind: 'line', color: GRID_LINES.subdistrict.color, width: 3 }, label: t('legend.grids.subdistrict') },
            { swatch: { kind: 'line', color: GRID_LINES.community.color, width: 2 }, label: t('legend.grids.community') },
          ],
        };
      case 'problems':
        return {
          title: t('layer.problems'),
          rows: [
            { swatch: { kind: 'ramp', stops: HEAT_RAMP }, label: t('legend.problems.heat') },
            { swatch: { kind: 'dot', color: '#ffffff', stroke: PROBLEM_OVERDUE_RING, strokeWidth: 3 }, label: t('legend.problems.overdue') },
          ],
        };
      case 'renovation':
        return {
          title: t('layer.renovation'),
          rows: [
            { swatch: { kind: 'fill', color: COMPOUND_STATUS_COLORS.completed }, label: t('compoundStatus.completed') },
            { swatch: { kind: 'fill', color: COMPOUND_STATUS_COLORS.under_construction }, label: t('compoundStatus.under_construction') },
            { swatch: { kind: 'fill', color: COMPOUND_STATUS_COLORS.approved }, label: t('compoundStatus.approved') },
            { swatch: { kind: 'fill', color: OLD_UNREACHED.fill, stroke: OLD_UNREACHED.outline, dashed: true }, label: t('legend.renovation.oldUnreached') },
          ],
        };
      case 'lamps':
        return {
          title: t('layer.lamps'),
          rows: [
            { swatch: { kind: 'dot', color: LAMP_STATUS_COLORS.working, stroke: LAMP_TYPE_STROKES.grid, strokeWidth: 2 }, label: t('lampStatus.working') },
            { swatch: { kind: 'dot', color: LAMP_STATUS_COLORS.faulty, stroke: LAMP_TYPE_STROKES.grid, strokeWidth: 2 }, label: t('lampStatus.faulty') },
          ],
        };
    }
  });
}
