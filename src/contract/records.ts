/**
 * Entities as the analysis code sees them after validation and normalisation: times parsed to
 * epoch milliseconds, positions in WGS-84, and the grid each one falls in. Shared by the
 * pipeline's derive stage and any analysis that runs in the browser's worker.
 */
import type { Problem, RenovationProject } from './entities';

type ProblemTimeField =
  | 'reported_at'
  | 'registered_at'
  | 'dispatched_at'
  | 'disposed_at'
  | 'verified_at'
  | 'closed_at'
  | 'deadline';

export interface ProblemRecord extends Omit<Problem, ProblemTimeField> {
  lon: number;
  lat: number;
  reported_at: number;
  registered_at: number | null;
  dispatched_at: number | null;
  disposed_at: number | null;
  verified_at: number | null;
  closed_at: number | null;
  deadline: number;
}

type ProjectTimeField = 'planned_at' | 'approved_at' | 'started_at' | 'completed_at' | 'accepted_at';

export interface ProjectRecord extends Omit<RenovationProject, ProjectTimeField> {
  planned_at: number;
  approved_at: number | null;
  started_at: number | null;
  completed_at: number | null;
  accepted_at: number | null;
}
