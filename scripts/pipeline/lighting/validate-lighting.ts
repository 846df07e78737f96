/**
 * Validate for the lighting layers: the road register against ROAD_SCHEMA (LineString or
 * MultiLineString), the schedule table row by row (time expressions, date ranges, one base rule per
 * group, unique ids). A bad row is a reject naming file, row, field and reason; the build goes on.
 */
import type { LineString, MultiLineString } from 'geojson';
import {
  ALL_SCHEDULE_GROUPS,
  LIGHTING_SCHEDULE_SCHEMA,
  ROAD_SCHEMA,
  type LightingScheduleRow,
  type Road,
  type ScheduleRule,
} from '../../../src/contract';
import { isOverride, scheduleRuleFromRow } from '../../../src/analysis/lighting/schedule';
import { InputFileError } from '../errors';
import { applySchema } from '../field-rules';
import type { RawFeatures, RawTable } from '../read';
import { validateFeatures, type Located, type RejectLedger } from '../validate';

export type RoadLine = LineString | MultiLineString;

export function validateRoads(input: RawFeatures, ledger: RejectLedger): Located<Road, RoadLine>[] {
  return validateFeatures<Road, RoadLine>(input, 'roads', ROAD_SCHEMA, ['LineString', 'MultiLineString'], ledger, (r) => r.id);
}

export interface ValidSchedule {
  file: string;
  rules: ScheduleRule[];
}

/** The schedule table → rules in file order. Missing columns are fatal, like every table's. */
export function validateSchedules(table: RawTable, ledger: RejectLedger): ValidSchedule {
  const fields = Object.keys(LIGHTING_SCHEDULE_SCHEMA) as (keyof LightingScheduleRow)[];
  // Dates, times and the name may be left out as columns entirely; id and group may not.
  const required: (keyof LightingScheduleRow)[] = ['id', 'group'];
  const missing = required.filter((f) => !table.header.includes(f));
  if (missing.length > 0) {
    throw new InputFileError(table.file, `missing column(s) ${missing.join(', ')}; the header has ${table.header.join(', ')} (expected ${fields.join(', ')})`, { line: 1 });
  }
  const index = new Map(table.header.map((h, i) => [h, i]));
  ledger.read('lightingSchedules', table.file, table.rows.length);
  const rules: ScheduleRule[] = [];
  const seen = new Map<string, number>();
  const baseOf = new Map<string, string>();
  table.rows.forEach((cells, i) => {
    const row = i + 1;
    const id = cells[index.get('id')!] ?? '';
    const reject = (field: string, value: string, reason: string): void =>
      ledger.reject('lightingSchedules', { file: table.file, row, id, field, value, reason: `line ${table.lines[i]}: ${reason}` });
    if (cells.length !== table.header.length) return reject('(row)', cells.join(','), `has ${cells.length} fields; expected ${table.header.length} as in the header`);
    const result = applySchema(LIGHTING_SCHEDULE_SCHEMA, (field) => (index.has(field) ? cells[index.get(field)!] : ''));
    if (!result.ok) return reject(result.failure.field, result.failure.value, result.failure.reason);
    const rule = scheduleRuleFromRow(result.value);
    if ('reason' in rule) return reject(rule.field, rule.value, rule.reason);
    const first = seen.get(rule.id);
    if (first !== undefined) return reject('id', rule.id, `duplicate id; first seen at row ${first}`);
    if (!isOverride(rule)) {
      const other = baseOf.get(rule.group);
      if (other !== undefined) return reject('group', rule.group, `already has a base rule (${other}); expected one rule without dates per group, and dated rows for changes`);
      baseOf.set(rule.group, rule.id);
    }
    seen.set(rule.id, row);
    rules.push(rule);
  });
  return { file: table.file, rules };
}

/** Lamp groups no rule covers (neither their own base rule nor a `*` one): they never light. */
export function unscheduledGroups(rules: readonly ScheduleRule[], groups: Iterable<string>): string[] {
  const based = new Set(rules.filter((r) => !isOverride(r)).map((r) => r.group));
  if (based.has(ALL_SCHEDULE_GROUPS)) return [];
  return [...new Set(groups)].filter((g) => !based.has(g)).sort();
}
