/**
 * The ledger workspace's colours, in one place: the map layers, the cluster donuts and the panel's
 * legends read them, so a legend swatch cannot disagree with the map. Category colours are the
 * overview's (PROBLEM_MAJOR_COLORS), so a category looks the same in every workspace.
 */
import type { ProblemStatus, SupervisionLevel } from '../../contract';

/** The lifecycle from cool (just in) to green (closed), for the cluster donuts. */
export const STATUS_COLORS: Record<ProblemStatus, string> = {
  reported: '#b0bec5',
  registered: '#64b5f6',
  dispatched: '#1e63c6',
  disposing: '#f57c00',
  verifying: '#8e24aa',
  closed: '#43a047',
};

/** 三色督办: the white order is drawn white with a dark rim so it shows on the light basemap. */
export const SUPERVISION_COLORS: Record<SupervisionLevel, { fill: string; stroke: string }> = {
  white: { fill: '#ffffff', stroke: '#455a64' },
  yellow: { fill: '#fbc02d', stroke: '#8d6e00' },
  red: { fill: '#d32f2f', stroke: '#7f0000' },
};

/** Red and black lists on the map: a red outline and wash, a black one. */
export const LIST_COLORS = {
  red: { line: '#c62828', fill: 'rgba(198,40,40,0.16)' },
  black: { line: '#111111', fill: 'rgba(20,20,20,0.22)' },
  selected: '#0d47a1',
};

/** Hexbins, light to dark (ColorBrewer YlOrRd-6), matching the heat ramp's reading. */
export const HEX_RANGE: [number, number, number][] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];
