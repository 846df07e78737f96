/**
 * Stage 2, validate: every row and feature against the contract's field rules, then the checks
 * that need other tables (codes that exist, parents that exist, times in lifecycle order).
 * A bad row becomes a Reject with file, row, field, value and reason; the build goes on.
 */
import type { Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import {
  AREA_SCHEMA,
  CATEGORY_SCHEMA,
  COMMUNITY_SCHEMA,
  COMPOUND_SCHEMA,
  DEPARTMENT_SCHEMA,
  GRID_L4_SCHEMA,
  GRID_L5_SCHEMA,
  LAMP_SCHEMA,
  PROBLEM_SCHEMA,
  PROJECT_SCHEMA,
  RENOVATION_ITEM_SCHEMA,
  ROAD_WORK_SCHEMA,
  type Area,
  type Category,
  type Community,
  type Compound,
  type DatasetConfig,
  type Department,
  type GridL4,
  type GridL5,
  type InputCount,
  type ProblemRecord,
  type ProjectRecord,
  type RenovationItemType,
  type RoadWorkRecord,
  type PublicSpaceWorkRecord,
  type DemonstrationSiteRecord,
  type FieldRule,
  type Schema,
  type StreetLamp,
} from '../../src/contract';
import { parseIsoDateTime } from '../../src/analysis/datetime';
import type { OsmData } from '../osm/read-osm-xml';
import { InputFileError, type Reject } from './errors';
import { applySchema } from './field-rules';
import { projectStatusProblem, validateRenovationLayers, workDatesProblem } from './renovation/validate-renovation';
import { geometryProblem, type GeometryKind } from './geometry-checks';
import { completeProblem, emptyCompletion, type Completion } from './ledger/complete-problem';
import { ledgerInputs } from './ledger/ledger-inputs';
import type { TableBatches } from './formats/read-layer';
import { ProblemTable } from './problems/problem-table';
import type { RawFeatures, RawInputs, RawTable } from './read';

/** A kept record with its geometry and where it came from (for later rejects and popups). */
export interface Located<T, G extends Geometry | null> {
  value: T;
  geometry: G;
  file: string;
  row: number;
}

export type Areal = Polygon | MultiPolygon;

export interface ValidInputs {
  config: DatasetConfig;
  osm: OsmData;
  /** The ledger's "as of" instant, epoch ms: declared in the config or the latest ledger time. */
  asOf: number;
  boundary: Located<{ code: string; name: string }, Areal>;
  areas: Area[];
  categories: Category[];
  departments: Department[];
  renovationItems: RenovationItemType[];
  communities: Located<Community, Areal>[];
  gridsL4: Located<GridL4, Areal>[];
  gridsL5: Located<GridL5, Areal>[];
  compounds: Located<Compound, Areal>[];
  projects: Located<ProjectRecord, null>[];
  roadWorks: Located<RoadWorkRecord, LineString | MultiLineString>[];
  /** Renovation layers an office may leave out (empty then): scripts/pipeline/renovation/. */
  publicSpaceWorks: Located<PublicSpaceWorkRecord, Areal>[];
  demonstrationSites: Located<DemonstrationSiteRecord, Point>[];
  lamps: Located<StreetLamp, Point>[];
  /** The kept problems as columns (problems/problem-table.ts); normalise changes it in place. */
  problems: ProblemTable;
  /** Deadlines and departments the ledger filled in from the category table (pipeline/ledger/complete-problem.ts). */
  ledgerCompletion: Completion;
}

/** Rejects and read/kept/rejected counts, filled by validate and normalise alike. */
export class RejectLedger {
  readonly rejects: Reject[] = [];
  readonly counts: Record<string, InputCount> = {};

  read(layer: string, file: string, n: number): void {
    this.counts[layer] = { file, read: n, kept: n, rejected: 0 };
  }

  /** More rows of a layer read in batches (after `read` with 0). */
  addRead(layer: string, n: number): void {
    const count = this.counts[layer]!;
    count.read += n;
    count.kept += n;
  }

  reject(layer: string, reject: Reject): void {
    // A reject's id and value are cells: as slices of the file's text they would keep all of it (ownStrings).
    this.rejects.push({ ...reject, id: ownString(reject.id), value: ownString(reject.value) });
    const count = this.counts[layer];
    if (count) {
      count.kept--;
      count.rejected++;
    }
  }
}

const LIFECYCLE_PROBLEM = ['reported_at', 'registered_at', 'dispatched_at', 'disposed_at', 'verified_at', 'closed_at'] as const;
const LIFECYCLE_PROJECT = ['planned_at', 'approved_at', 'started_at', 'completed_at', 'accepted_at'] as const;
/** The timestamp each status requires: a project "completed" without a completion date is a bad row. */
const PROJECT_STATUS_NEEDS = {
  planned: 'planned_at',
  approved: 'approved_at',
  under_construction: 'started_at',
  completed: 'completed_at',
  accepted: 'accepted_at',
} as const;
const PROBLEM_STATUS_NEEDS = {
  reported: 'reported_at',
  registered: 'registered_at',
  dispatched: 'dispatched_at',
  disposing: 'dispatched_at',
  verifying: 'disposed_at',
  closed: 'closed_at',
} as const;

export function validateInputs(raw: RawInputs, ledger: RejectLedger): ValidInputs {
  const { config } = raw;
  const declaredAsOf = config.asOf === undefined ? null : parseIsoDateTime(config.asOf);

  // Reference tables first: the other layers' codes are checked against them.
  const departments = validateTable(raw.departments, 'departments', DEPARTMENT_SCHEMA, ledger, (d) => d.code).map((r) => r.value);
  const departmentCodes = new Set(departments.map((d) => d.code));
  const categories = validateTable(raw.categories, 'categories', CATEGORY_SCHEMA, ledger, (c) => c.code, (c) => {
    if (!c.code.startsWith(c.major_code)) return { field: 'major_code', value: c.major_code, reason: `expected the first 2 digits of code ${c.code}` };
    if (!departmentCodes.has(c.default_department)) return unknownCode('default_department', c.default_department, 'departments');
    return null;
  }).map((r) => r.value);
  const categoryCodes = new Set(categories.map((c) => c.code));
  const renovationItems = validateTable(raw.renovationItems, 'renovationItems', RENOVATION_ITEM_SCHEMA, ledger, (i) => i.code).map((r) => r.value);
  const itemCodes = new Set(renovationItems.map((i) => i.code));
  const areas = validateTable(raw.areas, 'areas', AREA_SCHEMA, ledger, (a) => a.code).map((r) => r.value);
  const areaCodes = new Set(areas.map((a) => a.code));

  const boundary = validateBoundary(raw.boundary, config);
  const subCode = config.subDistrict.code;

  const communities = validateFeatures<Community, Areal>(raw.communities, 'communities', COMMUNITY_SCHEMA, ['Polygon', 'MultiPolygon'], ledger, (c) => c.code, (c) => {
    if (!c.code.startsWith(subCode)) return { field: 'code', value: c.code, reason: `expected to start with the sub-district code ${subCode}` };
    if (!areaCodes.has(c.area_code)) return unknownCode('area_code', c.area_code, 'areas');
    if (c.adopting_dept !== '' && !departmentCodes.has(c.adopting_dept)) return unknownCode('adopting_dept', c.adopting_dept, 'departments');
    return null;
  });
  const communityCodes = new Set(communities.map((c) => c.value.code));
  const gridsL4 = validateFeatures<GridL4, Areal>(raw.gridsL4, 'gridsL4', GRID_L4_SCHEMA, ['Polygon', 'MultiPolygon'], ledger, (g) => g.code, (g) => {
    if (!communityCodes.has(g.community_code)) return unknownCode('community_code', g.community_code, 'communities');
    if (!g.code.startsWith(g.community_code)) return { field: 'code', value: g.code, reason: `expected to start with its community code ${g.community_code}` };
    return null;
  });
  const gridL4Codes = new Set(gridsL4.map((g) => g.value.code));
  const gridsL5 = validateFeatures<GridL5, Areal>(raw.gridsL5, 'gridsL5', GRID_L5_SCHEMA, ['Polygon', 'MultiPolygon'], ledger, (g) => g.code, (g) => {
    if (!gridL4Codes.has(g.grid_code)) return unknownCode('grid_code', g.grid_code, 'level-4 grids');
    if (!g.code.startsWith(g.grid_code)) return { field: 'code', value: g.code, reason: `expected to start with its level-4 grid code ${g.grid_code}` };
    return null;
  });

  const compounds = validateFeatures<Compound, Areal>(raw.compounds, 'compounds', COMPOUND_SCHEMA, ['Polygon', 'MultiPolygon'], ledger, (c) => c.id);
  const compoundIds = new Set(compounds.map((c) => c.value.id));
  const projects = validateTable(raw.projects, 'projects', PROJECT_SCHEMA as unknown as Schema<ProjectRecord>, ledger, (p) => p.id, (p) => {
    const missing = p.compound_ids.find((id) => !compoundIds.has(id));
    if (missing !== undefined) return unknownCode('compound_ids', missing, 'compounds');
    const badItem = p.items.find((i) => !itemCodes.has(i.code));
    if (badItem) return unknownCode('items', badItem.code, 'renovation items');
    if (p.funds_received_wan > p.budget_wan * 1.5) {
      return { field: 'funds_received_wan', value: String(p.funds_received_wan), reason: `expected at most 1.5 × budget_wan (${p.budget_wan})` };
    }
    return lifecycleProblem(p, LIFECYCLE_PROJECT, PROJECT_STATUS_NEEDS[p.status], declaredAsOf) ?? projectStatusProblem(p);
  });

  const roadWorks = validateFeatures<RoadWorkRecord, LineString | MultiLineString>(raw.roadWorks, 'roadWorks', ROAD_WORK_SCHEMA as unknown as Schema<RoadWorkRecord>, ['LineString', 'MultiLineString'], ledger, (r) => r.id, (r) => workDatesProblem(r, declaredAsOf));
  const { publicSpaceWorks, demonstrationSites } = validateRenovationLayers(raw, ledger, { compoundIds, asOf: declaredAsOf });
  // A register that names each lamp's grid (所属网格) must name a grid that exists.
  const lampGridCodes = new Set([...gridL4Codes, ...gridsL5.map((g) => g.value.code)]);
  const lamps = validateFeatures<StreetLamp, Point>(raw.lamps, 'lamps', LAMP_SCHEMA, ['Point'], ledger, (l) => l.id, (l) =>
    l.grid_code !== '' && !lampGridCodes.has(l.grid_code) ? unknownCode('grid_code', l.grid_code, 'level-4 or level-5 grids') : null,
  );

  const problemSchema = { ...(PROBLEM_SCHEMA as unknown as Schema<ProblemRecord>), lon: { type: 'number' }, lat: { type: 'number' } } as Schema<ProblemRecord>;
  // An empty deadline or department is filled from the category table and the office calendar.
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const calendar = ledgerInputs(raw.configPath, config).calendar;
  const ledgerCompletion = emptyCompletion();
  const problems = validateProblems(raw.problems, ledger, problemSchema, (p) => {
    const category = categoryCodes.has(p.category_code) ? categoryByCode.get(p.category_code) : undefined;
    if (!category) return unknownCode('category_code', p.category_code, 'categories');
    if (p.department_code !== '' && !departmentCodes.has(p.department_code)) return unknownCode('department_code', p.department_code, 'departments');
    const issue = lifecycleProblem(p, LIFECYCLE_PROBLEM, PROBLEM_STATUS_NEEDS[p.status], declaredAsOf);
    if (issue === null) completeProblem(p, category, calendar, ledgerCompletion);
    return issue;
  });

  const asOf = declaredAsOf ?? latestLedgerTime(problems);
  return {
    config,
    osm: raw.osm,
    asOf,
    boundary,
    areas,
    categories,
    departments,
    renovationItems,
    communities,
    gridsL4,
    gridsL5,
    compounds,
    projects,
    roadWorks,
    publicSpaceWorks,
    demonstrationSites,
    lamps,
    problems,
    ledgerCompletion,
  };
}

export type CrossCheck<T> = (value: T) => { field: string; value: string; reason: string } | null;

function unknownCode(field: string, value: string, table: string): { field: string; value: string; reason: string } {
  return { field, value, reason: `"${value}" is not in the ${table} table` };
}

function validateTable<T>(
  table: RawTable,
  layer: string,
  schema: Schema<T>,
  ledger: RejectLedger,
  idOf: (value: T) => string,
  check?: CrossCheck<T>,
): Located<T, null>[] {
  const kept: Located<T, null>[] = [];
  new RowJudge(table.file, layer, schema, ledger, idOf, check).judge(table, (value, row) => kept.push({ value, geometry: null, file: table.file, row }));
  return kept;
}

/**
 * Judges a table's rows against a schema, a cross-check and the ids seen so far: a whole table
 * (validateTable), or a streamed file batch by batch (the problems ledger), with the same rejects.
 */
class RowJudge<T> {
  private readonly seen = new Map<string, number>();
  /** One string per short value: codes, statuses, and short addresses, which repeat (a building's). */
  private readonly shortStrings = new Map<string, string>();
  /** The schema's fields that hold text (their values may be slices of the file's text). */
  private readonly stringFields: string[];
  /** Data rows judged so far: a batch's rows continue the count. */
  private rows = 0;

  constructor(
    file: string,
    private readonly layer: string,
    private readonly schema: Schema<T>,
    private readonly ledger: RejectLedger,
    private readonly idOf: (value: T) => string,
    private readonly check?: CrossCheck<T>,
  ) {
    ledger.read(layer, file, 0);
    this.stringFields = Object.entries(schema as Record<string, FieldRule>)
      .filter(([, rule]) => rule.type === 'string' || rule.type === 'enum')
      .map(([field]) => field);
  }

  /** Each kept row's value (its strings its own, not slices of the file's text), with its 1-based row and cells. */
  judge(table: RawTable, keep: (value: T, row: number, cells: string[]) => void): void {
    const { layer, schema, ledger } = this;
    const missing = Object.keys(schema).filter((f) => !table.header.includes(f));
    if (missing.length > 0) {
      throw new InputFileError(table.file, `missing column(s) ${missing.join(', ')}; the header has ${table.header.join(', ')}`, { line: 1 });
    }
    const index = new Map(table.header.map((h, i) => [h, i]));
    const idColumn = index.get('id') ?? index.get('code') ?? 0;
    ledger.addRead(layer, table.rows.length);
    // A loop with one getter, not closures per row: a million rows made a million of each.
    let cells: string[] = [];
    const get = (field: string): string | undefined => cells[index.get(field)!];
    for (let i = 0; i < table.rows.length; i++) {
      cells = table.rows[i]!;
      const row = ++this.rows;
      const where = { file: table.file, row, id: cells[idColumn] ?? '', line: table.lines[i]! };
      if (cells.length !== table.header.length) {
        this.reject(where, '(row)', cells.join(','), `has ${cells.length} fields; expected ${table.header.length} as in the header`);
        continue;
      }
      const result = applySchema(schema, get);
      if (!result.ok) {
        this.reject(where, result.failure.field, result.failure.value, result.failure.reason);
        continue;
      }
      const cross = this.check?.(result.value);
      if (cross) {
        this.reject(where, cross.field, cross.value, cross.reason);
        continue;
      }
      // Own strings before the id is remembered: a slice as a key would keep the file's text.
      const value = ownStrings(result.value, this.stringFields, this.shortStrings);
      const id = this.idOf(value);
      const first = this.seen.get(id);
      if (first !== undefined) {
        this.reject(where, 'id', id, `duplicate id; first seen at row ${first}`);
        continue;
      }
      this.seen.set(id, row);
      keep(value, row, cells);
    }
  }

  private reject(where: { file: string; row: number; id: string; line: number }, field: string, value: string, reason: string): void {
    this.ledger.reject(this.layer, { file: where.file, row: where.row, id: where.id, field, value, reason: `line ${where.line}: ${reason}` });
  }
}

/**
 * The problems ledger, batch by batch into columns (problems/problem-table.ts): at 1M rows neither
 * the file's text nor a record per row is ever held whole. A row the file gives a grid code
 * (网格编码 → grid_code, not a contract field) keeps it for topology's declared-grid check.
 */
function validateProblems(source: TableBatches, ledger: RejectLedger, schema: Schema<ProblemRecord>, check: CrossCheck<ProblemRecord>): ProblemTable {
  const table = new ProblemTable(source.file);
  const judge = new RowJudge(source.file, 'problems', schema, ledger, (p) => p.id, check);
  for (const batch of source.batches()) {
    const gridColumn = batch.header.indexOf('grid_code');
    judge.judge(batch, (value, row, cells) => {
      table.push(value, row);
      const declared = gridColumn === -1 ? '' : (cells[gridColumn] ?? '').trim();
      if (declared !== '') table.declaredGrid.set(row, ownString(declared));
    });
  }
  table.trim();
  return table;
}

/** A string that is not a slice of a larger one (see ownStrings). */
function ownString(value: string): string {
  return value.length > SHARED_STRING_CHARS ? (' ' + value).slice(1) : value;
}

/** Cells this short are copies in V8, one per row: a table's codes share one string each instead. */
const SHARED_STRING_CHARS = 12;

/**
 * V8 makes a cell of 13+ characters a slice of the text it was parsed from (a whole small table,
 * or a 4 MB piece of the problems file: formats/csv-batches.ts), and one kept slice keeps all of
 * that text: each row's id, description and address would hold the whole file piece by piece. A
 * copy of the kept cells lets the text go. `(' ' + s).slice(1)` is the copy: the concatenation is
 * flattened into a new string and the slice points into that. Shorter cells (category and
 * department codes, a building's address) are each a copy per row; `shared` maps them to one.
 * (Without it the 1M build ran 0.7 s faster and peaked 30 MB higher: the demo's addresses repeat.)
 */
function ownStrings<T>(record: T, stringFields: readonly string[], shared: Map<string, string>): T {
  const fields = record as Record<string, unknown>;
  for (const key of stringFields) {
    const value = fields[key];
    if (typeof value !== 'string') continue;
    if (value.length > SHARED_STRING_CHARS) {
      fields[key] = ownString(value);
    } else {
      const first = shared.get(value);
      if (first === undefined) shared.set(value, value);
      else fields[key] = first;
    }
  }
  return record;
}

export function validateFeatures<T, G extends Geometry>(
  input: RawFeatures,
  layer: string,
  schema: Schema<T>,
  allowed: readonly GeometryKind[],
  ledger: RejectLedger,
  idOf: (value: T) => string,
  check?: CrossCheck<T>,
): Located<T, G>[] {
  ledger.read(layer, input.file, input.features.length);
  const kept: Located<T, G>[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((feature, i) => {
    const row = i + 1;
    const rawId = feature.properties.id ?? feature.properties.code;
    const reject = (field: string, value: string, reason: string): void =>
      ledger.reject(layer, { file: input.file, row, id: rawId === undefined ? '' : String(rawId), field, value, reason: `feature ${row}: ${reason}` });
    const geometryIssue = geometryProblem(feature.geometry, allowed);
    if (geometryIssue) return reject('geometry', feature.geometry?.type ?? 'null', geometryIssue);
    const result = applySchema(schema, (field) => feature.properties[field]);
    if (!result.ok) return reject(result.failure.field, result.failure.value, result.failure.reason);
    const cross = check?.(result.value);
    if (cross) return reject(cross.field, cross.value, cross.reason);
    const id = idOf(result.value);
    const first = seen.get(id);
    if (first !== undefined) return reject('id', id, `duplicate id; first seen at feature ${first}`);
    seen.set(id, row);
    kept.push({ value: result.value, geometry: feature.geometry as G, file: input.file, row });
  });
  return kept;
}

/** The boundary is a single polygon; without it nothing can be checked, so a bad one is fatal. */
function validateBoundary(input: RawFeatures, config: DatasetConfig): Located<{ code: string; name: string }, Areal> {
  if (input.features.length !== 1) {
    throw new InputFileError(input.file, `has ${input.features.length} features; expected exactly one sub-district polygon`);
  }
  const feature = input.features[0]!;
  const issue = geometryProblem(feature.geometry, ['Polygon', 'MultiPolygon']);
  if (issue) throw new InputFileError(input.file, issue, { feature: 1, field: 'geometry' });
  return {
    value: { code: String(feature.properties.code ?? config.subDistrict.code), name: String(feature.properties.name ?? config.subDistrict.name) },
    geometry: feature.geometry as Areal,
    file: input.file,
    row: 1,
  };
}

/**
 * Lifecycle times must not run backwards (a case closed before it was reported), the current
 * status needs its timestamp, and nothing may lie after the data's declared "as of".
 */
function lifecycleProblem<T extends object>(
  record: T,
  order: readonly (keyof T & string)[],
  requiredForStatus: keyof T & string,
  asOf: number | null,
): { field: string; value: string; reason: string } | null {
  if (record[requiredForStatus] === null) {
    return { field: requiredForStatus, value: '', reason: `is empty but the status requires it` };
  }
  let previous: { field: string; t: number } | null = null;
  for (const field of order) {
    const t = record[field] as unknown as number | null;
    if (t === null) continue;
    if (previous && t < previous.t) {
      return { field, value: new Date(t).toISOString(), reason: `is before ${previous.field}; expected lifecycle times in order` };
    }
    if (asOf !== null && t > asOf) {
      return { field, value: new Date(t).toISOString(), reason: `is after the data's as-of time; expected a time that has happened` };
    }
    previous = { field, t };
  }
  return null;
}

function latestLedgerTime(problems: ProblemTable): number {
  let latest = 0;
  for (const column of [problems.reported, problems.registered, problems.dispatched, problems.disposed, problems.verified, problems.closed]) {
    // NaN (an empty time) is never greater.
    for (let i = 0; i < problems.length; i++) if (column[i]! > latest) latest = column[i]!;
  }
  return latest;
}
