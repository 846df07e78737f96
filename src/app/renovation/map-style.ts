/**
 * The renovation workspace's map layers, as pure style specs (tested in Node).
 *
 * The tiles carry, per compound, when it first reached each status (t_planned … t_accepted, epoch
 * seconds) and, per work, when it started and was completed. The status at the timeline's month is
 * therefore a style expression comparing those with one number, so moving the timeline (or the
 * compare map's month) is a `setPaintProperty`/`setFilter` call, not a tile rebuild or a
 * feature-state loop over every compound. The old/new cut-off is an expression on `built_year` for
 * the same reason.
 */
import type { CompoundStatus } from '../../contract';
import { COMPOUND_STATUS_COLORS, OLD_UNREACHED } from '../map/palette';
import { SOURCE_IDS } from '../map/layer-ids';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '../map/style/spec-types';
import { LABEL_FONT } from '../map/typography';
import { RENOVATION_COLORS } from './colors';

export const HATCH_IMAGE = 'rn-hatch';

/** The workspace's own layer ids (the test reads them). */
export const RN_LAYERS = {
  communityHit: 'rn-community-hit',
  compoundFill: 'rn-compound-fill',
  compoundHatch: 'rn-compound-hatch',
  compoundOutline: 'rn-compound-outline',
  publicSpaceFill: 'rn-public-space-fill',
  publicSpaceOutline: 'rn-public-space-outline',
  roadWorks: 'rn-road-works',
  communitySelected: 'rn-community-selected',
  compoundSelected: 'rn-compound-selected',
  sites: 'rn-demonstration-sites',
  siteLabels: 'rn-demonstration-site-labels',
  compoundLabels: 'rn-compound-labels',
} as const;

/** Feature-less "never": a missing time compares as later than any month. */
const NEVER = 1e12;
const at = (prop: string): ExpressionSpecification => ['coalesce', ['get', prop], NEVER];

/** The compound's status at `t` (epoch seconds). */
export function compoundStatusAt(t: number): ExpressionSpecification {
  return [
    'case',
    ['<=', at('t_accepted'), t],
    'accepted',
    ['<=', at('t_completed'), t],
    'completed',
    ['<=', at('t_started'), t],
    'under_construction',
    ['<=', at('t_approved'), t],
    'approved',
    ['<=', at('t_planned'), t],
    'planned',
    'none',
  ];
}

export function isOld(cutoff: number): ExpressionSpecification {
  return ['<', ['get', 'built_year'], cutoff];
}

/** An old compound that no project lists at `t`: the planner's gap, hatched and outlined red. */
export function oldUnreachedAt(t: number, cutoff: number): ExpressionSpecification {
  return ['all', isOld(cutoff), ['>', at('t_planned'), t]];
}

const STATUSES: CompoundStatus[] = ['none', 'planned', 'approved', 'under_construction', 'completed', 'accepted'];

export function compoundFillColor(t: number, cutoff: number): ExpressionSpecification {
  const byStatus = ['match', compoundStatusAt(t), ...STATUSES.flatMap((s) => [s, COMPOUND_STATUS_COLORS[s]]), COMPOUND_STATUS_COLORS.none];
  return ['case', oldUnreachedAt(t, cutoff), OLD_UNREACHED.fill, byStatus] as unknown as ExpressionSpecification;
}

/**
 * Works (roads, public spaces) appear once their plan year has begun (or they have started, if
 * earlier): planned first, then under way, then done.
 */
export function workVisibleAt(t: number, year: number): FilterSpecification {
  return ['any', ['<=', ['get', 'year'], year], ['<=', at('started'), t]] as FilterSpecification;
}

export function workStatusAt(t: number): ExpressionSpecification {
  return ['case', ['<=', at('completed'), t], 'completed', ['<=', at('started'), t], 'under_construction', 'planned'];
}

export function roadWorkColor(t: number): ExpressionSpecification {
  return [
    'match',
    workStatusAt(t),
    'completed',
    COMPOUND_STATUS_COLORS.accepted,
    'under_construction',
    COMPOUND_STATUS_COLORS.under_construction,
    COMPOUND_STATUS_COLORS.approved,
  ];
}

export function publicSpaceOpacity(t: number): ExpressionSpecification {
  return ['match', workStatusAt(t), 'completed', 0.75, 'under_construction', 0.4, 0.12];
}

export function siteFilter(t: number): FilterSpecification {
  return ['<=', ['get', 'opened'], t] as FilterSpecification;
}

export interface MonthPaint {
  /** Epoch seconds of the instant the month stands for. */
  t: number;
  /** The month's year (works show from the start of their year). */
  year: number;
  cutoff: number;
}

/** Every month- or cut-off-dependent property, by layer: what applyMonth sets on a map. */
export function monthProperties({ t, year, cutoff }: MonthPaint): {
  paint: [layer: string, property: string, value: unknown][];
  filters: [layer: string, filter: FilterSpecification][];
} {
  return {
    paint: [
      [RN_LAYERS.compoundFill, 'fill-color', compoundFillColor(t, cutoff)],
      [RN_LAYERS.compoundOutline, 'line-color', ['case', oldUnreachedAt(t, cutoff), OLD_UNREACHED.outline, RENOVATION_COLORS.compoundOutline]],
      [RN_LAYERS.compoundOutline, 'line-width', ['interpolate', ['linear'], ['zoom'], 13, ['case', oldUnreachedAt(t, cutoff), 1.4, 0.4], 17, ['case', oldUnreachedAt(t, cutoff), 3, 1]]],
      [RN_LAYERS.roadWorks, 'line-color', roadWorkColor(t)],
      [RN_LAYERS.publicSpaceFill, 'fill-opacity', publicSpaceOpacity(t)],
    ],
    filters: [
      [RN_LAYERS.compoundHatch, oldUnreachedAt(t, cutoff) as FilterSpecification],
      [RN_LAYERS.roadWorks, workVisibleAt(t, year)],
      [RN_LAYERS.publicSpaceFill, workVisibleAt(t, year)],
      [RN_LAYERS.publicSpaceOutline, workVisibleAt(t, year)],
      [RN_LAYERS.sites, siteFilter(t)],
      [RN_LAYERS.siteLabels, siteFilter(t)],
    ],
  };
}

const renovation = SOURCE_IDS.renovation;
const grids = SOURCE_IDS.grids;

/** Fills and lines drawn under the grid outlines (so grid lines stay readable). */
export function lowerLayers(m: MonthPaint): LayerSpecification[] {
  const p = monthProperties(m);
  const paint = (layer: string, property: string): unknown => p.paint.find(([l, prop]) => l === layer && prop === property)![2];
  const filter = (layer: string): FilterSpecification => p.filters.find(([l]) => l === layer)![1];
  return [
    // Invisible, but it makes communities clickable anywhere inside them (a click on a compound wins).
    { id: RN_LAYERS.communityHit, type: 'fill', source: grids, 'source-layer': 'communities', paint: { 'fill-color': '#000000', 'fill-opacity': 0 } },
    {
      id: RN_LAYERS.publicSpaceFill,
      type: 'fill',
      source: renovation,
      'source-layer': 'public_space_works',
      filter: filter(RN_LAYERS.publicSpaceFill),
      paint: { 'fill-color': RENOVATION_COLORS.publicSpace, 'fill-opacity': paint(RN_LAYERS.publicSpaceFill, 'fill-opacity') as ExpressionSpecification },
    },
    {
      id: RN_LAYERS.compoundFill,
      type: 'fill',
      source: renovation,
      'source-layer': 'compounds',
      paint: {
        'fill-color': paint(RN_LAYERS.compoundFill, 'fill-color') as ExpressionSpecification,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 15, 0.8, 17.5, 0.5],
      },
    },
    {
      id: RN_LAYERS.compoundHatch,
      type: 'fill',
      source: renovation,
      'source-layer': 'compounds',
      filter: filter(RN_LAYERS.compoundHatch),
      paint: { 'fill-pattern': HATCH_IMAGE },
    },
    {
      id: RN_LAYERS.compoundOutline,
      type: 'line',
      source: renovation,
      'source-layer': 'compounds',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': paint(RN_LAYERS.compoundOutline, 'line-color') as ExpressionSpecification,
        'line-width': paint(RN_LAYERS.compoundOutline, 'line-width') as ExpressionSpecification,
      },
    },
    {
      id: RN_LAYERS.publicSpaceOutline,
      type: 'line',
      source: renovation,
      'source-layer': 'public_space_works',
      filter: filter(RN_LAYERS.publicSpaceOutline),
      paint: { 'line-color': RENOVATION_COLORS.publicSpaceOutline, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1, 17, 2.5] },
    },
    {
      id: RN_LAYERS.roadWorks,
      type: 'line',
      source: renovation,
      'source-layer': 'road_works',
      filter: filter(RN_LAYERS.roadWorks),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': paint(RN_LAYERS.roadWorks, 'line-color') as ExpressionSpecification,
        'line-width': ['interpolate', ['linear'], ['zoom'], 13, 3, 18, 10],
        'line-opacity': 0.9,
      },
    },
  ];
}

/** Selection outlines, sites and labels, drawn on top of everything. */
export function upperLayers(m: MonthPaint, selected: { community: string | null; compound: string | null }): LayerSpecification[] {
  return [
    {
      id: RN_LAYERS.communitySelected,
      type: 'line',
      source: grids,
      'source-layer': 'communities',
      filter: ['==', ['get', 'code'], selected.community ?? ''],
      paint: { 'line-color': RENOVATION_COLORS.selection, 'line-width': 4, 'line-opacity': 0.9 },
    },
    {
      id: RN_LAYERS.compoundSelected,
      type: 'line',
      source: renovation,
      'source-layer': 'compounds',
      filter: ['==', ['get', 'id'], selected.compound ?? ''],
      paint: { 'line-color': RENOVATION_COLORS.selection, 'line-width': 3.5 },
    },
    {
      id: RN_LAYERS.sites,
      type: 'circle',
      source: renovation,
      'source-layer': 'demonstration_sites',
      filter: siteFilter(m.t),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 5, 17, 10],
        'circle-color': RENOVATION_COLORS.site,
        'circle-stroke-color': RENOVATION_COLORS.siteStroke,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: RN_LAYERS.siteLabels,
      type: 'symbol',
      source: renovation,
      'source-layer': 'demonstration_sites',
      filter: siteFilter(m.t),
      minzoom: 15,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 12.5,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 9,
      },
      paint: { 'text-color': RENOVATION_COLORS.siteLabel, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
    {
      id: RN_LAYERS.compoundLabels,
      type: 'symbol',
      source: renovation,
      'source-layer': 'compounds',
      minzoom: 16,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-max-width': 7, 'text-padding': 4 },
      paint: { 'text-color': '#3b3b3b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ];
}

/** A diagonal hatch (red lines on transparent), drawn into pixels so no sprite file is needed. */
export function hatchPixels(size = 12, color: [number, number, number] = [198, 40, 40]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Lines along x + y ≡ 0 (mod size), two pixels wide: they join across tile edges.
      const d = (x + y) % size;
      const on = d === 0 || d === 1;
      const i = (y * size + x) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = on ? 230 : 0;
    }
  }
  return { width: size, height: size, data };
}
