/**
 * What the wall screen reads straight from the archives, off the UI thread (wall-data.worker.ts):
 * the red items, the community loads for the 红黑榜, and each community's outline box for the
 * tour. Read from the archives rather than from the map, because the map only holds the tiles of
 * the stop it is showing. The messages between the page and the worker.
 */
import type { Bounds } from '../../analysis/presentation/tour';
import type { CommunityLoad, RedItem } from '../../analysis/presentation/wall-lists';

export interface WallDataRequest {
  id: number;
  /** http(s) URL of problems.pmtiles / grids.pmtiles, or null when the archive is not available. */
  problemsUrl: string | null;
  gridsUrl: string | null;
  bounds: Bounds;
  asOf: string;
  /** Zoom whose tiles carry the full problem records (PROBLEM_DETAIL_MINZOOM). */
  detailZoom: number;
  categories: [string, string][];
  departments: [string, string][];
  communities: [string, string][];
}

export interface WallData {
  /** Null when problems.pmtiles could not be read. */
  red: RedItem[] | null;
  /** Null when grids.pmtiles could not be read. */
  communityLoads: CommunityLoad[] | null;
  communityBounds: Record<string, Bounds> | null;
  /** Why a part is null, for the status mark. */
  errors: string[];
}

export type WallDataResponse = { id: number; ok: true; data: WallData } | { id: number; ok: false; error: string };
