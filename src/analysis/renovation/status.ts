/**
 * Renovation state of compounds. A compound's status is that of its most advanced project;
 * "reached" means a project has at least started, which is how 开工率 counts it.
 */
import { PROJECT_STATUSES, type Compound, type ProjectStatus } from '../../contract';
import type { CompoundStatus } from '../../contract/tiles';

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

/** Index of a status in the lifecycle (planned 0 … accepted 4); 'none' is -1. */
export function statusRank(status: CompoundStatus): number {
  return status === 'none' ? -1 : RANK.get(status)!;
}

export function statusOfRank(rank: number): CompoundStatus {
  return rank < 0 ? 'none' : PROJECT_STATUSES[Math.min(rank, PROJECT_STATUSES.length - 1)]!;
}

/** Rank of the first started status (under construction): 开工 means at least this. */
export const STARTED_RANK = RANK.get('under_construction')!;
/** Rank of the first finished status (completed): 完工 means at least this. */
export const FINISHED_RANK = RANK.get('completed')!;

/**
 * When a project reached each status: for rank k, the first recorded time at k or later. A project
 * recorded as completed without a start date has still started by the time it completed.
 */
export function projectReachTimes(times: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = new Array(times.length).fill(null);
  let next: number | null = null;
  for (let k = times.length - 1; k >= 0; k--) {
    const t = times[k] ?? null;
    if (t !== null && (next === null || t < next)) next = t;
    out[k] = next;
  }
  return out;
}

/**
 * When a compound first reached each status through any of its projects: the earliest of its
 * projects' reach times per rank (null: never, by asOf).
 */
export function compoundReachTimes(projectTimes: Iterable<readonly (number | null)[]>): (number | null)[] {
  const out: (number | null)[] = PROJECT_STATUSES.map(() => null);
  for (const times of projectTimes) {
    projectReachTimes(times).forEach((t, k) => {
      if (t !== null && (out[k] === null || t < out[k]!)) out[k] = t;
    });
  }
  return out;
}

/** The status rank reached by `instant` (-1: no project had been planned yet). */
export function rankAt(reach: readonly (number | null)[], instant: number): number {
  for (let k = reach.length - 1; k >= 0; k--) {
    const t = reach[k];
    if (t !== null && t !== undefined && t <= instant) return k;
  }
  return -1;
}
