/**
 * Every colour the map draws with, in one place: the style builders (./style/*.ts) and the legend
 * (../ui/Legend.svelte) both read from here, so a legend swatch can never disagree with the map.
 * Keys are the contract's enum values, so adding a status to src/contract fails type-check here
 * until it has a colour.
 */
import type { CompoundStatus, LampStatus, LampType, LanduseClass, ProblemStatus, RoadClass } from '../../contract';

/** A calm, light basemap so that the overlays carry the colour. */
export const BASEMAP = {
  background: '#f4f3ef',
  water: '#b9d3e6',
  waterOutline: '#9fbfd8',
  building: '#e2ded6',
  buildingOutline: '#d0cabf',
  placeLabel: '#4a4a4a',
  roadLabel: '#5d5d5d',
  labelHalo: '#ffffff',
  /** A landuse class the style does not know (an office's own basemap) is drawn as this. */
  landuseOther: '#eeece6',
  placeFacilityLabel: '#56657a',
} as const;

/** Ground by class (LANDUSE_CLASSES of the contract): pale, so overlays carry the colour. */
export const LANDUSE_COLORS: Record<LanduseClass, string> = {
  park: '#d9ead0',
  grass: '#dfecd5',
  forest: '#cfe3c4',
  farmland: '#eef0dc',
  residential: '#efece6',
  commercial: '#f1e9e4',
  retail: '#f1e9e4',
  industrial: '#ebe7ec',
  education: '#f3eedd',
  hospital: '#f5e3e3',
  sport: '#dcebd9',
  cemetery: '#dde6d8',
  military: '#ece5e0',
  plaza: '#f2f0ec',
};

/** Road fill and casing by class: major roads white on a grey casing, minor ones plain. */
export const ROAD_COLORS: Record<RoadClass, { fill: string; casing: string }> = {
  trunk: { fill: '#fde3a7', casing: '#d9b36a' },
  primary: { fill: '#fff1c2', casing: '#d8bd7c' },
  secondary: { fill: '#ffffff', casing: '#c9c3b8' },
  tertiary: { fill: '#ffffff', casing: '#cfc9be' },
  minor: { fill: '#ffffff', casing: '#d9d4ca' },
  service: { fill: '#fbfaf7', casing: '#dedad2' },
  path: { fill: '#d6cfc2', casing: '#d6cfc2' },
};

/**
 * Road widths in pixels at zoom 12 and 18 (interpolated exponentially between), per class.
 * Casing is drawn `ROAD_CASING_PX` wider on each side for the classes that have one.
 */
export const ROAD_WIDTHS: Record<RoadClass, [number, number]> = {
  trunk: [2.4, 26],
  primary: [2, 22],
  secondary: [1.6, 18],
  tertiary: [1.2, 14],
  minor: [0.6, 9],
  service: [0.3, 5],
  path: [0.3, 1.6],
};
export const ROAD_CASING_PX = 1;
/** Classes that get a casing (the others are too thin for one to read). */
export const CASED_ROAD_CLASSES: readonly RoadClass[] = ['trunk', 'primary', 'secondary', 'tertiary'];

/** Grid boundaries: from the sub-district down to the level-5 micro-grid, bold to thin. */
export const GRID_LINES = {
  subdistrict: { color: '#7a1f1f', width: 3.2 },
  community: { color: '#8c3b3b', width: 2.2 },
  l4: { color: '#4f5b66', width: 1.1 },
  l5: { color: '#7d8791', width: 0.6 },
  label: '#33414d',
} as const;

/**
 * 5-class sequential ramp (ColorBrewer BuPu-5, light to dark) for the grid choropleth of problem
 * metrics. Not yellow–red: the problem heat map uses that, and the two must not be confused when
 * both are on. Fewer classes take an evenly spread subset (see spreadRamp).
 */
export const CHOROPLETH_RAMP = ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'] as const;
/** Renovation coverage is "good when high", so it gets a green ramp instead of an alarm ramp. */
export const CHOROPLETH_RAMP_GOOD = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;
/** Opacity at the overview zoom; it fades as the map zooms in, so streets and buildings show through. */
export const CHOROPLETH_OPACITY = 0.5;
export const CHOROPLETH_OPACITY_CLOSE = 0.18;

/** Compound fill by renovation status: cool (on paper) → orange (under way) → green (done). */
export const COMPOUND_STATUS_COLORS: Record<CompoundStatus, string> = {
  none: '#d9d6d0',
  planned: '#c6dbef',
  approved: '#6baed6',
  under_construction: '#fd8d3c',
  completed: '#74c476',
  accepted: '#238b45',
};
/** An old compound (built before the cut-off) that no project has reached yet. */
export const OLD_UNREACHED = { fill: '#fcd5cc', outline: '#c62828', dash: [2, 1.2] as [number, number] };
export const COMPOUND_OUTLINE = '#8a8a8a';
export const COMPOUND_FILL_OPACITY = 0.75;
export const COMPOUND_FILL_OPACITY_CLOSE = 0.45;

/** Road works, by the same status colours as compounds, drawn as a thick line. */
export const ROAD_WORKS_WIDTH: [number, number] = [2.5, 9];

export const LAMP_STATUS_COLORS: Record<LampStatus, string> = {
  working: '#ffd54f',
  faulty: '#e53935',
  removed: '#bdbdbd',
};
/** The stroke tells the power supply apart: solar lamps get a green ring. */
export const LAMP_TYPE_STROKES: Record<LampType, string> = {
  grid: '#6d5a00',
  solar: '#1b9e3e',
};

/**
 * Problem points by major category (the 2-digit class of DOMAIN.md). Unknown majors (an office's
 * own additions) fall back to `other`.
 */
export const PROBLEM_MAJOR_COLORS: Record<string, string> = {
  '01': '#8d6e63', // 市容环境
  '02': '#e377c2', // 宣传广告
  '03': '#1f77b4', // 街面秩序
  '04': '#6a1b9a', // 安全隐患 (not red: red is for overdue rings and faulty lamps)
  '05': '#ff7f0e', // 市政设施
  '06': '#2ca02c', // 小区治理
  '99': '#7f7f7f', // 其他
  other: '#17becf',
};
/** An overdue problem gets a thick red ring: the "red items" a leader looks for first. */
export const PROBLEM_OVERDUE_RING = '#b71c1c';
export const PROBLEM_CLOSED = '#bdbdbd';
export const PROBLEM_STATUS_ORDER: readonly ProblemStatus[] = [
  'reported',
  'registered',
  'dispatched',
  'disposing',
  'verifying',
  'closed',
];

/** Heat ramp: transparent → yellow → red, matching the alarm reading of the choropleth. */
export const HEAT_RAMP: [number, string][] = [
  [0, 'rgba(255,255,178,0)'],
  [0.15, 'rgba(254,217,118,0.55)'],
  [0.35, 'rgba(254,178,76,0.7)'],
  [0.55, 'rgba(253,141,60,0.8)'],
  [0.75, 'rgba(240,59,32,0.85)'],
  [1, 'rgba(189,0,38,0.9)'],
];
