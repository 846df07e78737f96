import { describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../../src/contract';
import { effectiveWorkDates } from './derive-renovation';
import { projectStatusProblem, workDatesProblem } from './validate-renovation';

const t = (iso: string) => Date.parse(iso);

describe('dates of works', () => {
  it('rejects a completion before the start, naming completed_at', () => {
    const problem = workDatesProblem({ status: 'completed', started_at: t('2024-06-01'), completed_at: t('2024-05-01') }, null);
    expect(problem).toMatchObject({ field: 'completed_at' });
    expect(problem!.reason).toMatch(/before started_at/);
  });

  it('rejects a date after the as-of time', () => {
    expect(workDatesProblem({ status: 'under_construction', started_at: t('2027-01-01'), completed_at: null }, t('2026-11-20'))).toMatchObject({ field: 'started_at' });
  });

  it('rejects a completion date on works whose status says they are not finished', () => {
    expect(workDatesProblem({ status: 'under_construction', started_at: null, completed_at: t('2024-05-01') }, null)).toMatchObject({ field: 'status' });
  });

  it('accepts works without dates and works with dates in order', () => {
    expect(workDatesProblem({ status: 'accepted', started_at: null, completed_at: null }, null)).toBeNull();
    expect(workDatesProblem({ status: 'completed', started_at: t('2024-03-01'), completed_at: t('2024-03-01') }, t('2026-11-20'))).toBeNull();
  });
});

describe('a project whose dates run past its status', () => {
  const base: ProjectRecord = { id: 'P', name: 'p', compound_ids: ['X'], batch_year: 2024, status: 'approved', planned_at: 1, approved_at: 2, started_at: null, completed_at: null, accepted_at: null, items: [], budget_wan: 1, funds_received_wan: 0 };
  it('is rejected at the first date beyond the status', () => {
    expect(projectStatusProblem({ ...base, started_at: 3 })).toMatchObject({ field: 'started_at' });
    expect(projectStatusProblem({ ...base, status: 'under_construction', started_at: 3, accepted_at: 9 })).toMatchObject({ field: 'accepted_at' });
  });
  it('passes when the dates stop at the status', () => {
    expect(projectStatusProblem(base)).toBeNull();
    expect(projectStatusProblem({ ...base, status: 'accepted', started_at: 3, completed_at: 4, accepted_at: 5 })).toBeNull();
  });
});

describe('when a work counts on the timeline', () => {
  const asOf = t('2026-11-20T17:00:00+08:00');
  it('uses the recorded dates', () => {
    expect(effectiveWorkDates({ year: 2024, status: 'completed', started_at: 10, completed_at: 20 }, asOf)).toEqual({ started: 10, completed: 20 });
  });
  it('counts a finished work without dates from the end of its year, started at the start of it', () => {
    expect(effectiveWorkDates({ year: 2023, status: 'accepted', started_at: null, completed_at: null }, asOf)).toEqual({
      started: t('2023-01-01T00:00:00+08:00'),
      completed: t('2024-01-01T00:00:00+08:00') - 1,
    });
  });
  it('never places a work after asOf, and leaves a planned one unstarted', () => {
    expect(effectiveWorkDates({ year: 2026, status: 'completed', started_at: null, completed_at: null }, asOf).completed).toBe(asOf);
    expect(effectiveWorkDates({ year: 2026, status: 'planned', started_at: null, completed_at: null }, asOf)).toEqual({ started: null, completed: null });
  });
});
