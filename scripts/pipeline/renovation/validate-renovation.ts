/**
 * Validate stage, renovation part: the layers issue 4 adds (public-space works, demonstration
 * sites) against their field rules, and the dates of works. A bad row becomes a reject naming
 * file, row, field and what was expected; the build goes on. Projects (a compound id that does not
 * exist, a completion before the start, a negative budget) are checked in validate.ts with the
 * other tables.
 */
import type { Point } from 'geojson';
import {
  DEMONSTRATION_SITE_SCHEMA,
  PUBLIC_SPACE_WORK_SCHEMA,
  type DemonstrationSiteRecord,
  type ProjectRecord,
  type PublicSpaceWorkRecord,
  type Schema,
  PROJECT_STATUSES,
} from '../../../src/contract';
import type { RawFeatures } from '../read';
import { validateFeatures, type Areal, type CrossCheck, type Located, type RejectLedger } from '../validate';

export interface RenovationLayers {
  publicSpaceWorks: Located<PublicSpaceWorkRecord, Areal>[];
  demonstrationSites: Located<DemonstrationSiteRecord, Point>[];
}

type Problem = ReturnType<CrossCheck<unknown>>;

const PROJECT_DATES = ['planned_at', 'approved_at', 'started_at', 'completed_at', 'accepted_at'] as const;

/**
 * A project whose row records a step beyond its status (已批复 with a 开工日期) contradicts itself;
 * the timeline reads status from the dates, so such a row is rejected rather than guessed at.
 */
export function projectStatusProblem(project: ProjectRecord): Problem {
  const rank = PROJECT_STATUSES.indexOf(project.status);
  for (let k = rank + 1; k < PROJECT_DATES.length; k++) {
    const field = PROJECT_DATES[k]!;
    const t = project[field];
    if (t !== null) {
      return { field, value: new Date(t).toISOString(), reason: `is filled but the status is ${project.status}; expected status ${PROJECT_STATUSES[k]} or later, or an empty ${field}` };
    }
  }
  return null;
}

/**
 * Dates of a road or public-space work: the completion not before the start, neither after the
 * data's as-of time, and a status that claims the works have started or finished not contradicted
 * by an empty date where the other one is given.
 */
export function workDatesProblem(work: { started_at: number | null; completed_at: number | null; status: string }, asOf: number | null): Problem {
  const { started_at: started, completed_at: completed } = work;
  if (started !== null && completed !== null && completed < started) {
    return { field: 'completed_at', value: new Date(completed).toISOString(), reason: `is before started_at (${new Date(started).toISOString()}); expected the completion on or after the start` };
  }
  for (const [field, t] of [['started_at', started], ['completed_at', completed]] as const) {
    if (asOf !== null && t !== null && t > asOf) {
      return { field, value: new Date(t).toISOString(), reason: `is after the data's as-of time; expected a time that has happened` };
    }
  }
  if (completed !== null && (work.status === 'planned' || work.status === 'approved' || work.status === 'under_construction')) {
    return { field: 'status', value: work.status, reason: `contradicts completed_at; expected completed or accepted for finished works` };
  }
  return null;
}

export function validateRenovationLayers(
  raw: { publicSpaceWorks: RawFeatures | null; demonstrationSites: RawFeatures | null },
  ledger: RejectLedger,
  context: { compoundIds: ReadonlySet<string>; asOf: number | null },
): RenovationLayers {
  // A layer the config does not name is simply empty (no read/kept/rejected line for it).
  const publicSpaceWorks = raw.publicSpaceWorks
    ? validateFeatures<PublicSpaceWorkRecord, Areal>(
        raw.publicSpaceWorks,
        'publicSpaceWorks',
        PUBLIC_SPACE_WORK_SCHEMA as unknown as Schema<PublicSpaceWorkRecord>,
        ['Polygon', 'MultiPolygon'],
        ledger,
        (w) => w.id,
        (w) => workDatesProblem(w, context.asOf),
      )
    : [];
  const demonstrationSites = raw.demonstrationSites
    ? validateFeatures<DemonstrationSiteRecord, Point>(
        raw.demonstrationSites,
        'demonstrationSites',
        DEMONSTRATION_SITE_SCHEMA as unknown as Schema<DemonstrationSiteRecord>,
        ['Point'],
        ledger,
        (s) => s.id,
        (s) => siteProblem(s, context),
      )
    : [];
  return { publicSpaceWorks, demonstrationSites };
}

function siteProblem(site: DemonstrationSiteRecord, context: { compoundIds: ReadonlySet<string>; asOf: number | null }): Problem {
  if (site.compound_id !== '' && !context.compoundIds.has(site.compound_id)) {
    return { field: 'compound_id', value: site.compound_id, reason: `"${site.compound_id}" is not in the compounds table; expected a compound id or nothing` };
  }
  if (context.asOf !== null && site.opened_at > context.asOf) {
    return { field: 'opened_at', value: new Date(site.opened_at).toISOString(), reason: `is after the data's as-of time; expected a time that has happened` };
  }
  return null;
}
