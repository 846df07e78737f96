/**
 * Renovation coverage (老旧小区改造, issue 4): the layers this feature adds to an office's files,
 * their field rules, their records after validation, and the coverage product the pipeline writes
 * for the renovation workspace (renovation.json beside the manifest, summarised in
 * `Manifest.renovation`).
 *
 * Compounds, projects, the item catalogue and road works are in entities.ts; this file adds
 * public-space works (公共空间改造, polygons), demonstration sites (示范点位, points) and the dates
 * road works need for the month-by-month timeline.
 */
import type { IsoDateTime, ItemClass, ProjectStatus, PropertyManagement, RoadWork } from './entities';
import { PROJECT_STATUSES } from './entities';
import type { FieldRule, Schema } from './schema';

/** 公共空间改造 kinds: 口袋公园, 绿化提升, 硬化铺装, 健身场地 (土坝孜's plan names each). */
export const PUBLIC_SPACE_KINDS = ['pocket_park', 'greening', 'hardening', 'fitness'] as const;
export type PublicSpaceKind = (typeof PUBLIC_SPACE_KINDS)[number];

/** A public-space work. Geometry: Polygon or MultiPolygon; its area (m²) is computed, not typed in. */
export interface PublicSpaceWork {
  id: string;
  name: string;
  kind: PublicSpaceKind;
  /** Batch year of the plan it belongs to. */
  year: number;
  status: ProjectStatus;
  /** Empty until the works start / are finished. */
  started_at: IsoDateTime | null;
  completed_at: IsoDateTime | null;
  /** 万元 (10,000 yuan). */
  budget_wan: number;
}

/** A demonstration site (示范点位, as 柳湖's 8 人居环境示范点位). Geometry: Point. */
export interface DemonstrationSite {
  id: string;
  name: string;
  /** The theme the office gives it, e.g. 人居环境, 垃圾分类, 红色物业 (free text, shown as is). */
  theme: string;
  /** When it was named a demonstration site. */
  opened_at: IsoDateTime;
  /** The compound it showcases, if any ('' when none); must exist in compounds. */
  compound_id: string;
  description: string;
}

/**
 * Road works gain optional start and completion dates so the timeline can place them in a month.
 * Old files without them still load: a finished work without `completed_at` counts from the end
 * of its `year` (or the as-of time, if earlier). See docs/DATA-FORMATS.md.
 */
export type RoadWorkDates = Pick<RoadWork, 'started_at' | 'completed_at'>;

const TEXT: FieldRule = { type: 'string', maxLength: 2000 };
const OPTIONAL_TEXT: FieldRule = { type: 'string', optional: true, maxLength: 2000 };

export const PUBLIC_SPACE_WORK_SCHEMA: Schema<PublicSpaceWork> = {
  id: TEXT,
  name: TEXT,
  kind: { type: 'enum', values: PUBLIC_SPACE_KINDS },
  year: { type: 'integer', min: 1900, max: 2100 },
  status: { type: 'enum', values: PROJECT_STATUSES },
  started_at: { type: 'datetime', nullable: true },
  completed_at: { type: 'datetime', nullable: true },
  budget_wan: { type: 'number', min: 0 },
};

export const DEMONSTRATION_SITE_SCHEMA: Schema<DemonstrationSite> = {
  id: TEXT,
  name: TEXT,
  theme: TEXT,
  opened_at: { type: 'datetime' },
  compound_id: OPTIONAL_TEXT,
  description: OPTIONAL_TEXT,
};

/** After validation: times as epoch milliseconds. */
export interface PublicSpaceWorkRecord extends Omit<PublicSpaceWork, 'started_at' | 'completed_at'> {
  started_at: number | null;
  completed_at: number | null;
}
export interface DemonstrationSiteRecord extends Omit<DemonstrationSite, 'opened_at'> {
  opened_at: number;
}
export interface RoadWorkRecord extends Omit<RoadWork, 'started_at' | 'completed_at'> {
  started_at: number | null;
  completed_at: number | null;
}

/* ─────────────────────────── tiles ─────────────────────────── */

/** A public-space work in renovation.pmtiles (`public_space_works`). */
export interface PublicSpaceWorkTileProps {
  id: string;
  name: string;
  kind: PublicSpaceKind;
  year: number;
  status: ProjectStatus;
  budget_wan: number;
  /** Geodesic area in m², rounded. */
  area_m2: number;
  /** Epoch seconds; absent when not (yet) known. `completed` falls back as for road works. */
  started?: number;
  completed?: number;
}

/** A demonstration site in renovation.pmtiles (`demonstration_sites`). */
export interface DemonstrationSiteTileProps {
  id: string;
  name: string;
  theme: string;
  /** Epoch seconds. */
  opened: number;
  compound: string;
}

/* ─────────────────────── the coverage product ─────────────────────── */

export const RENOVATION_PRODUCT_FILE = 'renovation.json';

/** [west, south, east, north], WGS-84. */
export type Bbox = [number, number, number, number];

/**
 * How a compound that straddles level-4 grids is counted (docs/ARCHITECTURE.md "Renovation
 * coverage"): households, items, budget and funds are split in proportion to the compound's area in
 * each grid; the compound itself is counted once, in the grid holding most of its area.
 */
export type CellShare = [cell: number, weight: number];

export interface ProductCompound {
  id: string;
  name: string;
  built_year: number;
  households: number;
  buildings: number;
  pm: PropertyManagement;
  bbox: Bbox;
  /** Index into `grids` of the grid holding most of the compound's area; -1 when in no grid. */
  grid: number;
  /** Area shares over grids (weights sum to 1); empty when in no grid. */
  shares: CellShare[];
  /** Ledger problems reported inside the compound in the 12 months before asOf. */
  problems12m: number;
  /** Indexes into `projects`. */
  projects: number[];
}

/** Lifecycle times of a project, epoch ms, in PROJECT_STATUSES order; null = not (yet) reached. */
export type LifecycleTimes = [planned: number, approved: number | null, started: number | null, completed: number | null, accepted: number | null];

export interface ProductProject {
  id: string;
  name: string;
  /** Indexes into `compounds`. */
  compounds: number[];
  batch_year: number;
  status: ProjectStatus;
  times: LifecycleTimes;
  /** [index into `items`, quantity]. */
  items: [number, number][];
  budget_wan: number;
  funds_received_wan: number;
}

/** A road or public-space work: what the timeline needs to place it and split it over grids. */
export interface ProductWork {
  id: string;
  name: string;
  year: number;
  status: ProjectStatus;
  budget_wan: number;
  /** Epoch ms the works started (null: unknown / not yet). */
  started: number | null;
  /** Epoch ms it counts as renovated from (with the year-end fallback); null while unfinished. */
  completed: number | null;
  /** Metres (road works) or m² (public space) in total, and per grid: [grid index, amount]. */
  amount: number;
  shares: CellShare[];
  bbox: Bbox;
}

export interface ProductPublicSpaceWork extends ProductWork {
  kind: PublicSpaceKind;
}

export interface ProductDemonstrationSite {
  id: string;
  name: string;
  theme: string;
  opened: number;
  lonLat: [number, number];
  /** Index into `grids`, -1 outside every grid. */
  grid: number;
  /** Index into `compounds`, -1 when the site names none. */
  compound: number;
}

/**
 * renovation.json: everything the workspace needs to compute coverage for any month and any cut-off
 * year in the browser (src/analysis/renovation/coverage.ts), in a few hundred kilobytes.
 */
export interface RenovationProduct {
  schemaVersion: 1;
  /** Epoch ms of the data's as-of instant. */
  asOf: number;
  /** The timeline's months, `YYYY-MM` (China time), first to last inclusive. */
  firstMonth: string;
  lastMonth: string;
  /** The office's setting (guatu.config.json `oldCompoundBefore`); the workspace can try others. */
  oldCompoundBefore: number;
  items: { code: string; name: string; class: ItemClass; unit: string }[];
  communities: { code: string; name: string; bbox: Bbox }[];
  /** Level-4 grids. `community` indexes `communities` (-1 when its community is unknown). */
  grids: { code: string; name: string; community: number; bbox: Bbox }[];
  compounds: ProductCompound[];
  projects: ProductProject[];
  roadWorks: ProductWork[];
  publicSpaceWorks: ProductPublicSpaceWork[];
  demonstrationSites: ProductDemonstrationSite[];
}

/** The sub-district's renovation figures at one instant (see src/analysis/renovation/coverage.ts). */
export interface RenovationHeadline {
  oldCompounds: number;
  oldHouseholds: number;
  /** Compounds (any age) in a project that has at least been planned: the denominator of the rates. */
  planCompounds: number;
  startedCompounds: number;
  finishedCompounds: number;
  /** 开工率 / 完工率 by compounds and by households, 0–1; null when nothing is planned. */
  startRate: number | null;
  startRateHouseholds: number | null;
  completionRate: number | null;
  completionRateHouseholds: number | null;
  /** 惠及户数: households of compounds whose project has started. */
  benefitedHouseholds: number;
  /** 覆盖率: share of old-compound households reached by a started project. */
  coverage: number | null;
  /** 资金到位率 (funds are recorded as of asOf only, so null for earlier instants). */
  fundsRate: number | null;
  roadMetres: number;
  publicSpaceM2: number;
  demonstrationSites: number;
  /** Old compounds no project has reached (the gap list's length). */
  gapCompounds: number;
}

/** `Manifest.renovation`: where the product is and the headline figures for other workspaces. */
export interface RenovationSummary {
  file: string;
  bytes: number;
  sha256: string;
  firstMonth: string;
  lastMonth: string;
  oldCompoundBefore: number;
  atAsOf: RenovationHeadline;
  /** One month before asOf: the wall screen's reference values. */
  previousMonth: RenovationHeadline;
  /** Compounds whose area lies in more than one level-4 grid (split by area). */
  straddlingCompounds: number;
}
