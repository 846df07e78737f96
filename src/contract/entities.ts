/**
 * The one definition of every entity Guatu knows. The pipeline (scripts/) validates the office's
 * files against these shapes and the app (src/) reads the tiles and manifest built from them.
 * Field names are the column names of the plain input files (CSV header / GeoJSON property).
 *
 * Codes follow the national statistical-division scheme (see ../shared/DOMAIN.md "Grid codes"):
 *   sub-district 9 digits (6 county + 3 street), community 12, level-4 grid 15, level-5 grid 17.
 * 片区 (area) is not an official level, so it keeps a code of its own (`PQ` + 2 digits) and a
 * mapping table from communities to areas.
 */

/** ISO-8601 date or date-time string as it appears in the files, e.g. `2025-03-14T09:30:00+08:00`. */
export type IsoDateTime = string;

export interface SubDistrict {
  /** 9 digits: 6-digit county code + 3-digit street code. */
  code: string;
  name: string;
}

/** 片区: a grouping of communities used for management, not a statistical level. */
export interface Area {
  /** `PQ` + 2 digits, unique within the sub-district. */
  code: string;
  name: string;
}

export interface Community {
  /** 12 digits: sub-district code + 3-digit community sequence. */
  code: string;
  name: string;
  /** 片区 code this community belongs to (the mapping table lives on the community). */
  area_code: string;
  /** 'community' (社区) or 'village' (行政村). */
  kind: 'community' | 'village';
  /** Department code of the unit that adopts the community (挂点联系), if any. */
  adopting_dept: string;
}

/** Level-4 unit grid (网格). */
export interface GridL4 {
  /** 15 digits: community code + 3-digit sequence numbered west→east, north→south. */
  code: string;
  community_code: string;
  name: string;
  /** 网格长: the grid chief responsible for the grid. */
  chief: string;
  households: number;
  merchants: number;
}

/** Level-5 grid (微网格). */
export interface GridL5 {
  /** 17 digits: level-4 grid code + 2 digits; `00` means the level-4 grid is not subdivided. */
  code: string;
  grid_code: string;
  /** 网格员 / 微网格长. */
  chief: string;
  households: number;
  merchants: number;
}

/** Property management of a residential compound (物业类型). */
export const PROPERTY_MANAGEMENT = ['none', 'simple', 'professional'] as const;
export type PropertyManagement = (typeof PROPERTY_MANAGEMENT)[number];

/** A residential compound (小区 / 楼院). Geometry: Polygon or MultiPolygon. */
export interface Compound {
  id: string;
  name: string;
  built_year: number;
  households: number;
  buildings: number;
  property_management: PropertyManagement;
  /** Back-street or inner-lane location weighs more in the city's evaluation. */
  address: string;
}

/** Renovation project lifecycle (老旧小区改造). Order matters: later states imply earlier ones. */
export const PROJECT_STATUSES = ['planned', 'approved', 'under_construction', 'completed', 'accepted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** National policy (国办发〔2020〕23号) item classes: 基础类 / 完善类 / 提升类. */
export const ITEM_CLASSES = ['basic', 'improve', 'upgrade'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];

/** One row of the renovation item catalogue (data/sample/renovation_items.csv). */
export interface RenovationItemType {
  code: string;
  name: string;
  class: ItemClass;
  unit: string;
}

/** A renovation project. Items are `code:quantity` pairs joined by `;` in the CSV. */
export interface RenovationProject {
  id: string;
  name: string;
  /** One or more compound ids joined by `;` in the CSV. */
  compound_ids: string[];
  batch_year: number;
  status: ProjectStatus;
  planned_at: IsoDateTime;
  approved_at: IsoDateTime | null;
  started_at: IsoDateTime | null;
  completed_at: IsoDateTime | null;
  accepted_at: IsoDateTime | null;
  items: { code: string; quantity: number }[];
  /** 万元 (10,000 yuan). */
  budget_wan: number;
  funds_received_wan: number;
}

/** Road works (道路改造). Geometry: LineString or MultiLineString. */
export interface RoadWork {
  id: string;
  name: string;
  year: number;
  status: ProjectStatus;
  budget_wan: number;
  /** Optional (empty = unknown / not yet): place the works on the renovation timeline by month. */
  started_at: IsoDateTime | null;
  completed_at: IsoDateTime | null;
}

export const LAMP_TYPES = ['grid', 'solar'] as const;
export type LampType = (typeof LAMP_TYPES)[number];
export const LAMP_STATUSES = ['working', 'faulty', 'removed'] as const;
export type LampStatus = (typeof LAMP_STATUSES)[number];

/** A street lamp (路灯). Geometry: Point. */
export interface StreetLamp {
  id: string;
  type: LampType;
  status: LampStatus;
  power_w: number;
  road: string;
  install_year: number;
  schedule_group: string;
  /**
   * The level-4 or level-5 grid the register assigns the lamp to, when it says (所属网格); empty:
   * the grid is found from the lamp's position. A register's own attribution wins, since it is how
   * the office counts its lamps.
   */
  grid_code: string;
}

/**
 * Case lifecycle of the 数字城管 standard: 受理 → 立案 → 派遣 → 处置 → 核查 → 结案 (销号),
 * with returns (返工) from 核查 back to 处置.
 */
export const PROBLEM_STATUSES = ['reported', 'registered', 'dispatched', 'disposing', 'verifying', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** 突出问题 / 顽固问题 / 反弹问题 (fixed, then back: costs doubled deductions). */
export const PROBLEM_NATURES = ['prominent', 'stubborn', 'rebound'] as const;
export type ProblemNature = (typeof PROBLEM_NATURES)[number];

export const PROBLEM_SOURCES = ['inspection', 'hotline', 'resident', 'forum', 'questionnaire', 'evaluation'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

/** A ledger row (台账). Geometry: Point (columns `lon`, `lat` in the CSV). */
export interface Problem {
  id: string;
  /** 5 digits: 2-digit major class + 3-digit minor class, must exist in the category table. */
  category_code: string;
  status: ProblemStatus;
  nature: ProblemNature;
  source: ProblemSource;
  /** Empty: routed to the category's default department (categories.csv `default_department`). */
  department_code: string;
  description: string;
  address: string;
  reported_at: IsoDateTime;
  registered_at: IsoDateTime | null;
  dispatched_at: IsoDateTime | null;
  disposed_at: IsoDateTime | null;
  verified_at: IsoDateTime | null;
  closed_at: IsoDateTime | null;
  /**
   * Empty: computed from the category's time limit, from registration (or the report), in working
   * hours/days on the office calendar (scripts/pipeline/ledger/complete-problem.ts).
   */
  deadline: IsoDateTime | null;
  /** Number of returns from 核查 to 处置 (返工). */
  returns: number;
}

/** Deadline units of the category table. */
export const DEADLINE_UNITS = ['hours', 'working_hours', 'working_days'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** One row of the problem category table (数字城管 部件/事件, kept as data). */
export interface Category {
  /** 5 digits: major (2) + minor (3). */
  code: string;
  name: string;
  major_code: string;
  major_name: string;
  /** 部件 (component) or 事件 (event). */
  kind: 'component' | 'event';
  deadline_value: number;
  deadline_unit: DeadlineUnit;
  /** Default department code the case is routed to. */
  default_department: string;
  /** 1 (minor) … 3 (serious): weights the severity heat-map. */
  severity: number;
}

/** One row of the department table. */
export interface Department {
  code: string;
  name: string;
  /** street-level office, district or city (problems escalated upward). */
  level: 'street' | 'district' | 'city';
}
