/**
 * The side panel's numbers, derived from the manifest's headline figures: rates as 0–1 ratios,
 * guarded against division by zero (a new sub-district with no lamps yet shows "—", not NaN%).
 */
import type { HeadlineFigures } from '../../contract';

export interface HeadlineView {
  problemsOpen: number;
  problemsOverdue: number;
  problemsTotal: number;
  closureRate: number;
  compoundsOld: number;
  compoundsRenovated: number;
  compoundsUnderWay: number;
  /** Shares of the old compounds, each 0–1, together at most 1 (for the progress bar). */
  renovatedShare: number | null;
  underWayShare: number | null;
  lampsWorking: number;
  lampsInstalled: number;
  /** 亮灯率 = working / installed. */
  lightingRate: number | null;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function headlineView(h: HeadlineFigures): HeadlineView {
  const renovatedShare = h.compoundsOld > 0 ? clamp01(h.compoundsRenovated / h.compoundsOld) : null;
  const underWayShare =
    h.compoundsOld > 0 && renovatedShare !== null ? Math.min(1 - renovatedShare, clamp01(h.compoundsUnderWay / h.compoundsOld)) : null;
  return {
    problemsOpen: h.problemsOpen,
    problemsOverdue: h.problemsOverdue,
    problemsTotal: h.problemsTotal,
    closureRate: clamp01(h.closureRate),
    compoundsOld: h.compoundsOld,
    compoundsRenovated: h.compoundsRenovated,
    compoundsUnderWay: h.compoundsUnderWay,
    renovatedShare,
    underWayShare,
    lampsWorking: h.lampsWorking,
    lampsInstalled: h.lampsInstalled,
    lightingRate: h.lampsInstalled > 0 ? clamp01(h.lampsWorking / h.lampsInstalled) : null,
  };
}
