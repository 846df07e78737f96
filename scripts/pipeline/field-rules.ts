/**
 * Applies one schema (src/contract/schema.ts) to one raw record. Returns the typed value or the
 * first failing field with what was expected, so the validate stage can write a reject.
 */
import type { FieldRule, Schema } from '../../src/contract';
import { parseIsoDateTime } from '../../src/analysis/datetime';

export interface FieldFailure {
  field: string;
  value: string;
  reason: string;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; failure: FieldFailure };

/** Reads a raw cell (CSV string or GeoJSON property) into the type the rule asks for. */
export function applySchema<T>(schema: Schema<T>, get: (field: string) => unknown): RuleResult<T> {
  const out: Record<string, unknown> = {};
  for (const [field, rule] of schemaEntries(schema)) {
    const result = applyRule(field, rule, get(field));
    if (!result.ok) return result;
    out[field] = result.value;
  }
  return { ok: true, value: out as T };
}

/** A schema's fields once per schema, not per row (a million rows each listed them again). */
const ENTRIES = new WeakMap<object, [string, FieldRule][]>();
function schemaEntries<T>(schema: Schema<T>): [string, FieldRule][] {
  let entries = ENTRIES.get(schema);
  if (!entries) {
    entries = Object.entries(schema) as [string, FieldRule][];
    ENTRIES.set(schema, entries);
  }
  return entries;
}

function text(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

function fail(field: string, raw: unknown, reason: string): { ok: false; failure: FieldFailure } {
  return { ok: false, failure: { field, value: text(raw), reason } };
}

export function applyRule(field: string, rule: FieldRule, raw: unknown): RuleResult<unknown> {
  const value = text(raw);
  switch (rule.type) {
    case 'string': {
      if (value === '') return rule.optional ? { ok: true, value: '' } : fail(field, raw, 'is empty; expected a value');
      if (rule.pattern && !rule.pattern.test(value)) return fail(field, raw, `expected ${rule.expected ?? rule.pattern.source}`);
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        return fail(field, raw, `is ${value.length} characters long; expected at most ${rule.maxLength}`);
      }
      return { ok: true, value };
    }
    case 'integer':
    case 'number': {
      if (value === '') return rule.optional ? { ok: true, value: 0 } : fail(field, raw, `is empty; expected ${article(rule.type)}`);
      const n = Number(value);
      if (!Number.isFinite(n) || (rule.type === 'integer' && !Number.isInteger(n))) return fail(field, raw, `expected ${article(rule.type)}`);
      if (rule.min !== undefined && n < rule.min) return fail(field, raw, `expected a number ≥ ${rule.min}`);
      if (rule.max !== undefined && n > rule.max) return fail(field, raw, `expected a number ≤ ${rule.max}`);
      return { ok: true, value: n };
    }
    case 'enum': {
      if (value === '' && rule.optional) return { ok: true, value: '' };
      const index = rule.values.indexOf(value);
      if (index === -1) return fail(field, raw, `expected one of ${rule.values.join(', ')}`);
      // The schema's own string, not the cell: a million rows then share one 'closed'.
      return { ok: true, value: rule.values[index] };
    }
    case 'datetime': {
      if (value === '') return rule.nullable ? { ok: true, value: null } : fail(field, raw, 'is empty; expected a date-time');
      const t = parseIsoDateTime(value);
      if (t === null) return fail(field, raw, 'is not a real date; expected ISO-8601 such as 2025-03-14T09:30:00+08:00');
      return { ok: true, value: t };
    }
    case 'idList': {
      const ids = value
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (ids.length === 0) return fail(field, raw, 'is empty; expected one or more ids separated by ;');
      if (rule.pattern) {
        const bad = ids.find((id) => !rule.pattern!.test(id));
        if (bad !== undefined) return fail(field, raw, `"${bad}" does not match ${rule.pattern.source}`);
      }
      return { ok: true, value: ids };
    }
    case 'itemList': {
      if (value === '') return { ok: true, value: [] };
      const items: { code: string; quantity: number }[] = [];
      for (const part of value.split(/[;；]/)) {
        if (part.trim() === '') continue;
        const [code, qty] = part.split(/[:：]/).map((s) => s.trim());
        const quantity = Number(qty);
        if (!code || qty === undefined || !Number.isFinite(quantity) || quantity < 0) {
          return fail(field, raw, `"${part}" expected code:quantity, e.g. B01:2`);
        }
        items.push({ code, quantity });
      }
      return { ok: true, value: items };
    }
  }
}

function article(type: 'integer' | 'number'): string {
  return type === 'integer' ? 'a whole number' : 'a number';
}
