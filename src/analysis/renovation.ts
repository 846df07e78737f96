/**
 * Renovation state of compounds. A compound's status is that of its most advanced project;
 * "reached" means a project has at least started, which is how 开工率 counts it.
 */
import { PROJECT_STATUSES, type Compound, type ProjectStatus } from '../contract';
import type { CompoundStatus } from '../contract/tiles';

const RANK = new Map<ProjectStatus, number>(PROJECT_STATUSES.map((s, i) => [s, i]));
export const STARTED_STATUSES: readonly ProjectStatus[] = ['under_construction', 'completed', 'accepted'];
export const FINISHED_STATUSES: readonly ProjectStatus[] = ['completed', 'accepted'];

/** The most advanced status among the compound's projects, or 'none' when it has none. */
export function compoundStatus(projectStatuses: Iterable<ProjectStatus>): CompoundStatus {
  let best: ProjectStatus | null = null;
  for (const s of projectStatuses) if (best === null || RANK.get(s)! > RANK.get(best)!) best = s;
  return best ?? 'none';
}

export function isReached(status: CompoundStatus): boolean {
  return status !== 'none' && STARTED_STATUSES.includes(status);
}

export function isFinished(status: CompoundStatus): boolean {
  return status !== 'none' && FINISHED_STATUSES.includes(status);
}

/** 老旧小区: built before the cut-off year (national policy: 2000). */
export function isOldCompound(compound: Pick<Compound, 'built_year'>, cutoffYear: number): boolean {
  return compound.built_year < cutoffYear;
}
