import { describe, expect, it } from 'vitest';
import { PROBLEM_SCHEMA } from '../../src/contract';
import { applyRule, applySchema } from './field-rules';
import { geometryProblem } from './geometry-checks';

describe('applyRule', () => {
  it('reads numbers from CSV text and GeoJSON numbers alike', () => {
    expect(applyRule('n', { type: 'integer', min: 0 }, '12')).toEqual({ ok: true, value: 12 });
    expect(applyRule('n', { type: 'integer', min: 0 }, 12)).toEqual({ ok: true, value: 12 });
  });
  it('says what was expected for a bad number', () => {
    expect(applyRule('households', { type: 'integer', min: 0 }, '12.5')).toMatchObject({ ok: false, failure: { field: 'households', value: '12.5', reason: 'expected a whole number' } });
    expect(applyRule('budget_wan', { type: 'number', min: 0 }, '-5')).toMatchObject({ ok: false, failure: { reason: 'expected a number ≥ 0' } });
  });
  it('lists the allowed values of an enumeration', () => {
    expect(applyRule('status', { type: 'enum', values: ['a', 'b'] }, 'c')).toMatchObject({ ok: false, failure: { reason: 'expected one of a, b' } });
  });
  it('reads an empty nullable time as null and refuses an impossible one', () => {
    expect(applyRule('closed_at', { type: 'datetime', nullable: true }, '')).toEqual({ ok: true, value: null });
    expect(applyRule('reported_at', { type: 'datetime' }, '2025-02-30')).toMatchObject({ ok: false });
  });
  it('splits id lists and item lists, with Chinese separators too', () => {
    expect(applyRule('ids', { type: 'idList' }, 'XQ1；XQ2; ')).toEqual({ ok: true, value: ['XQ1', 'XQ2'] });
    expect(applyRule('items', { type: 'itemList' }, 'B01:1；I01：20')).toEqual({ ok: true, value: [{ code: 'B01', quantity: 1 }, { code: 'I01', quantity: 20 }] });
    expect(applyRule('items', { type: 'itemList' }, 'B01')).toMatchObject({ ok: false });
  });
});

describe('applySchema', () => {
  it('stops at the first failing field of a problem row', () => {
    const row: Record<string, string> = { id: 'P1', category_code: '3001' };
    const result = applySchema(PROBLEM_SCHEMA, (f) => row[f]);
    expect(result).toMatchObject({ ok: false, failure: { field: 'category_code', reason: 'expected 5 digits' } });
  });
});

describe('geometryProblem', () => {
  it('refuses a null geometry and names the expected type', () => {
    expect(geometryProblem(null, ['Point'])).toBe('geometry is null; expected Point');
  });
  it('refuses the wrong type', () => {
    expect(geometryProblem({ type: 'Point', coordinates: [0, 0] }, ['Polygon', 'MultiPolygon'])).toBe('geometry is Point; expected Polygon or MultiPolygon');
  });
  it('refuses an unclosed ring and a non-numeric position', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, ['Polygon'])).toMatch(/not closed/);
    expect(geometryProblem({ type: 'Point', coordinates: ['a', 0] as unknown as number[] }, ['Point'])).toMatch(/not two finite numbers/);
  });
  it('accepts a well-formed polygon', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, ['Polygon'])).toBeNull();
  });
});
