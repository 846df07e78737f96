/**
 * The renovation workspace's own colours (compound statuses and the old-unreached treatment come
 * from ../map/palette.ts, so the overview and this workspace agree).
 */
import type { ItemClass, PublicSpaceKind } from '../../contract';

export const RENOVATION_COLORS = {
  compoundOutline: '#8a8a8a',
  /** Public-space works: teal, a colour no compound status uses. */
  publicSpace: '#26a69a',
  publicSpaceOutline: '#00695c',
  /** Demonstration sites: a gold disc with a dark ring, readable on every fill. */
  site: '#ffca28',
  siteStroke: '#5d4037',
  siteLabel: '#4e342e',
  /** The community or compound drilled into. */
  selection: '#1565c0',
} as const;

/** Item classes in charts and lists: 基础 blue-grey, 完善 blue, 提升 purple. */
export const ITEM_CLASS_COLORS: Record<ItemClass, string> = {
  basic: '#607d8b',
  improve: '#1e88e5',
  upgrade: '#8e24aa',
};

export const PUBLIC_SPACE_KIND_ORDER: readonly PublicSpaceKind[] = ['pocket_park', 'greening', 'hardening', 'fitness'];

/** Funds chart: planned budget vs received. */
export const FUNDS_COLORS = { budget: '#b0bec5', funds: '#2e7d32' } as const;
