/**
 * Field rules for every input table, keyed to the entity types so that a field added to an
 * entity without a rule (or a rule for a field that does not exist) fails type-check.
 * The pipeline's validate stage applies them row by row; see scripts/pipeline/validate.ts.
 */
import type {
  Area,
  Category,
  Community,
  Compound,
  Department,
  GridL4,
  GridL5,
  Problem,
  RenovationItemType,
  RenovationProject,
  RoadWork,
  StreetLamp,
} from './entities';
import {
  DEADLINE_UNITS,
  ITEM_CLASSES,
  LAMP_STATUSES,
  LAMP_TYPES,
  PROBLEM_NATURES,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  PROJECT_STATUSES,
  PROPERTY_MANAGEMENT,
} from './entities';

export type FieldRule =
  | { type: 'string'; optional?: boolean; pattern?: RegExp; expected?: string; maxLength?: number }
  | { type: 'integer' | 'number'; optional?: boolean; min?: number; max?: number }
  | { type: 'enum'; values: readonly string[]; optional?: boolean }
  /** ISO-8601 date or date-time; nullable ones may be empty (not yet happened). */
  | { type: 'datetime'; nullable?: boolean }
  /** `a;b;c` → string[] (at least one). */
  | { type: 'idList'; pattern?: RegExp }
  /** `code:qty;code:qty` → { code, quantity }[]. */
  | { type: 'itemList' };

export type Schema<T> = { [K in keyof T]-?: FieldRule };

const CODE = (digits: number): FieldRule => ({
  type: 'string',
  pattern: new RegExp(`^\\d{${digits}}$`),
  expected: `${digits} digits`,
});
const YEAR: FieldRule = { type: 'integer', min: 1900, max: 2100 };
const COUNT: FieldRule = { type: 'integer', min: 0 };
const TEXT: FieldRule = { type: 'string', maxLength: 2000 };
const OPTIONAL_TEXT: FieldRule = { type: 'string', optional: true, maxLength: 2000 };

export const AREA_SCHEMA: Schema<Area> = {
  code: { type: 'string', pattern: /^PQ\d{2}$/, expected: 'PQ + 2 digits' },
  name: TEXT,
};

export const COMMUNITY_SCHEMA: Schema<Community> = {
  code: CODE(12),
  name: TEXT,
  area_code: { type: 'string', pattern: /^PQ\d{2}$/, expected: 'PQ + 2 digits' },
  kind: { type: 'enum', values: ['community', 'village'] },
  adopting_dept: OPTIONAL_TEXT,
};

export const GRID_L4_SCHEMA: Schema<GridL4> = {
  code: CODE(15),
  community_code: CODE(12),
  name: TEXT,
  chief: TEXT,
  households: COUNT,
  merchants: COUNT,
};

export const GRID_L5_SCHEMA: Schema<GridL5> = {
  code: CODE(17),
  grid_code: CODE(15),
  chief: TEXT,
  households: COUNT,
  merchants: COUNT,
};

export const COMPOUND_SCHEMA: Schema<Compound> = {
  id: TEXT,
  name: TEXT,
  built_year: YEAR,
  households: COUNT,
  buildings: COUNT,
  property_management: { type: 'enum', values: PROPERTY_MANAGEMENT },
  address: OPTIONAL_TEXT,
};

export const RENOVATION_ITEM_SCHEMA: Schema<RenovationItemType> = {
  code: TEXT,
  name: TEXT,
  class: { type: 'enum', values: ITEM_CLASSES },
  unit: TEXT,
};

export const PROJECT_SCHEMA: Schema<RenovationProject> = {
  id: TEXT,
  name: TEXT,
  compound_ids: { type: 'idList' },
  batch_year: YEAR,
  status: { type: 'enum', values: PROJECT_STATUSES },
  planned_at: { type: 'datetime' },
  approved_at: { type: 'datetime', nullable: true },
  started_at: { type: 'datetime', nullable: true },
  completed_at: { type: 'datetime', nullable: true },
  accepted_at: { type: 'datetime', nullable: true },
  items: { type: 'itemList' },
  budget_wan: { type: 'number', min: 0 },
  funds_received_wan: { type: 'number', min: 0 },
};

export const ROAD_WORK_SCHEMA: Schema<RoadWork> = {
  id: TEXT,
  name: TEXT,
  year: YEAR,
  status: { type: 'enum', values: PROJECT_STATUSES },
  budget_wan: { type: 'number', min: 0 },
  started_at: { type: 'datetime', nullable: true },
  completed_at: { type: 'datetime', nullable: true },
};

export const LAMP_SCHEMA: Schema<StreetLamp> = {
  id: TEXT,
  type: { type: 'enum', values: LAMP_TYPES },
  status: { type: 'enum', values: LAMP_STATUSES },
  // Empty when the register does not record it (read as 0, shown as "—").
  power_w: { type: 'number', min: 0, max: 2000, optional: true },
  road: OPTIONAL_TEXT,
  install_year: { type: 'integer', min: 1900, max: 2100, optional: true },
  schedule_group: TEXT,
  grid_code: { type: 'string', optional: true, pattern: /^\d{15}(\d{2})?$/, expected: 'a 15-digit level-4 or 17-digit level-5 grid code, or nothing' },
};

export const PROBLEM_SCHEMA: Schema<Problem> = {
  id: TEXT,
  category_code: CODE(5),
  status: { type: 'enum', values: PROBLEM_STATUSES },
  nature: { type: 'enum', values: PROBLEM_NATURES },
  source: { type: 'enum', values: PROBLEM_SOURCES },
  department_code: OPTIONAL_TEXT,
  description: OPTIONAL_TEXT,
  address: OPTIONAL_TEXT,
  reported_at: { type: 'datetime' },
  registered_at: { type: 'datetime', nullable: true },
  dispatched_at: { type: 'datetime', nullable: true },
  disposed_at: { type: 'datetime', nullable: true },
  verified_at: { type: 'datetime', nullable: true },
  closed_at: { type: 'datetime', nullable: true },
  deadline: { type: 'datetime', nullable: true },
  returns: { type: 'integer', min: 0, max: 99 },
};

export const CATEGORY_SCHEMA: Schema<Category> = {
  code: CODE(5),
  name: TEXT,
  major_code: CODE(2),
  major_name: TEXT,
  kind: { type: 'enum', values: ['component', 'event'] },
  deadline_value: { type: 'number', min: 0 },
  deadline_unit: { type: 'enum', values: DEADLINE_UNITS },
  default_department: TEXT,
  severity: { type: 'integer', min: 1, max: 3 },
};

export const DEPARTMENT_SCHEMA: Schema<Department> = {
  code: TEXT,
  name: TEXT,
  level: { type: 'enum', values: ['street', 'district', 'city'] },
};
