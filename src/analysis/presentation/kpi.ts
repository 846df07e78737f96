/**
 * The key figures a leader reads on the wall screen and a briefing slide carries, from the
 * manifest's HeadlineFigures: each with its reference (last month when the pipeline wrote
 * `previousMonth`, and/or a target) and a threshold colour. Figures the feature pipelines have not
 * filled yet (`problemsRed`, `onTimeClosureRate`, `darkLengthM`) give way to the nearest figure the
 * manifest does have, named as what it is. Pure: tested in Node.
 */
import type { HeadlineFigures } from '../../contract';

export const KPI_KEYS = [
  'problemsOpen',
  'problemsRed',
  'problemsOverdue',
  'onTimeClosureRate',
  'closureRate',
  'compoundsRenovated',
  'compoundsUnderWay',
  'compoundsOld',
  'lightingRate',
  'darkLengthM',
  'lampsFaulty',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiFormat = 'count' | 'rate' | 'metres';
/** good / warn / alarm by threshold; neutral when there is nothing to compare with. */
export type KpiLevel = 'good' | 'warn' | 'alarm' | 'neutral';

export interface KpiRule {
  format: KpiFormat;
  /** Which way is better; 'none' for figures that are only context (no colour). */
  better: 'lower' | 'higher' | 'none';
  /**
   * For rates: the target (good at or above for 'higher'), and the level below which it is an
   * alarm rather than a warning.
   */
  target?: number;
  alarmBelow?: number;
  /**
   * For counts compared with last month: growth (a share of last month's value) above which a
   * 'lower is better' figure is an alarm; any growth up to it is a warning.
   */
  alarmGrowth?: number;
}

/** Defaults, one per figure; an office overrides them by passing its own rules. */
export const KPI_RULES: Record<KpiKey, KpiRule> = {
  problemsOpen: { format: 'count', better: 'lower', alarmGrowth: 0.1 }, // 10% more open problems than last month is an alarm
  problemsRed: { format: 'count', better: 'lower', alarmGrowth: 0 }, // any growth of red items is an alarm
  problemsOverdue: { format: 'count', better: 'lower', alarmGrowth: 0 },
  // 按期结案率: 90% target, below 80% an alarm (the evaluation's common bands).
  onTimeClosureRate: { format: 'rate', better: 'higher', target: 0.9, alarmBelow: 0.8 },
  closureRate: { format: 'rate', better: 'higher', target: 0.95, alarmBelow: 0.9 },
  compoundsRenovated: { format: 'count', better: 'higher' },
  compoundsUnderWay: { format: 'count', better: 'none' },
  compoundsOld: { format: 'count', better: 'none' },
  // 亮灯率: 98% is the usual standard for main and back streets alike; below 95% an alarm.
  lightingRate: { format: 'rate', better: 'higher', target: 0.98, alarmBelow: 0.95 },
  darkLengthM: { format: 'metres', better: 'lower', alarmGrowth: 0.1 },
  lampsFaulty: { format: 'count', better: 'lower', alarmGrowth: 0.1 },
};

type FigureSource = Partial<Omit<HeadlineFigures, 'previousMonth'>>;

/** A figure's value from a (possibly partial) set of headline figures; null when not there. */
export function kpiValue(key: KpiKey, h: FigureSource | undefined): number | null {
  if (!h) return null;
  const num = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  switch (key) {
    case 'lightingRate': {
      const working = num(h.lampsWorking);
      const installed = num(h.lampsInstalled);
      return working !== null && installed !== null && installed > 0 ? working / installed : null;
    }
    case 'lampsFaulty': {
      const working = num(h.lampsWorking);
      const installed = num(h.lampsInstalled);
      return working !== null && installed !== null ? Math.max(0, installed - working) : null;
    }
    default:
      return num(h[key]);
  }
}

export interface Kpi {
  key: KpiKey;
  value: number;
  format: KpiFormat;
  /** Last month's value, only when the manifest has it. */
  lastMonth: number | null;
  /** The rule's target, for rates. */
  target: number | null;
  level: KpiLevel;
  /** value − lastMonth, when there is a last month. */
  change: number | null;
}

/** The level of a value against its target (rates) or against last month (counts). */
export function kpiLevel(rule: KpiRule, value: number, lastMonth: number | null): KpiLevel {
  if (rule.better === 'none') return 'neutral';
  if (rule.target !== undefined) {
    const meets = rule.better === 'higher' ? value >= rule.target : value <= rule.target;
    if (meets) return 'good';
    if (rule.alarmBelow !== undefined && rule.better === 'higher' && value < rule.alarmBelow) return 'alarm';
    return 'warn';
  }
  if (lastMonth === null) return 'neutral';
  const growth = value - lastMonth;
  const worse = rule.better === 'lower' ? growth > 0 : growth < 0;
  if (!worse) return 'good';
  if (rule.better === 'lower' && rule.alarmGrowth !== undefined) {
    // Growth relative to last month; from zero any growth is unbounded.
    const relative = lastMonth > 0 ? growth / lastMonth : Infinity;
    return relative > rule.alarmGrowth ? 'alarm' : 'warn';
  }
  return 'warn';
}

/** One figure with its reference and level, or null when the manifest does not have it. */
export function kpi(key: KpiKey, headline: HeadlineFigures, rules: Record<KpiKey, KpiRule> = KPI_RULES): Kpi | null {
  const value = kpiValue(key, headline);
  if (value === null) return null;
  const rule = rules[key];
  const lastMonth = kpiValue(key, headline.previousMonth);
  return {
    key,
    value,
    format: rule.format,
    lastMonth,
    target: rule.target ?? null,
    level: kpiLevel(rule, value, lastMonth),
    change: lastMonth === null ? null : value - lastMonth,
  };
}

/**
 * The first figure of `keys` the manifest has: how a tile falls back from the feature figure
 * (红色督办) to the foundation's (超期未结) until the feature pipeline fills it.
 */
export function firstKpi(keys: readonly KpiKey[], headline: HeadlineFigures, rules: Record<KpiKey, KpiRule> = KPI_RULES): Kpi | null {
  for (const key of keys) {
    const k = kpi(key, headline, rules);
    if (k) return k;
  }
  return null;
}

/** The wall screen's tiles, in three groups; each slot lists its figure, then its fallbacks. */
export const WALL_KPI_GROUPS = [
  { id: 'ledger', slots: [['problemsOpen'], ['problemsRed', 'problemsOverdue'], ['onTimeClosureRate', 'closureRate']] },
  { id: 'renovation', slots: [['compoundsRenovated'], ['compoundsUnderWay']] },
  { id: 'lighting', slots: [['lightingRate'], ['darkLengthM', 'lampsFaulty']] },
] as const satisfies readonly { id: string; slots: readonly (readonly KpiKey[])[] }[];

export type WallKpiGroupId = (typeof WALL_KPI_GROUPS)[number]['id'];

export interface WallKpiGroup {
  id: WallKpiGroupId;
  tiles: Kpi[];
}

export function wallKpis(headline: HeadlineFigures, rules: Record<KpiKey, KpiRule> = KPI_RULES): WallKpiGroup[] {
  return WALL_KPI_GROUPS.map((g) => ({
    id: g.id,
    tiles: g.slots.flatMap((slot) => {
      const k = firstKpi(slot, headline, rules);
      return k ? [k] : [];
    }),
  }));
}

/** A figure as a briefing scene stores it: the number at the scene's as-of time. */
export interface SceneFigure {
  key: KpiKey;
  value: number;
}

/** Which figures a scene carries, by what its view shows: the overlays named in `layers` and the workspace. */
const FIGURES_BY_TOPIC: Record<'problems' | 'renovation' | 'lamps', readonly (readonly KpiKey[])[]> = {
  problems: [['problemsOpen'], ['problemsRed', 'problemsOverdue'], ['onTimeClosureRate', 'closureRate']],
  renovation: [['compoundsRenovated'], ['compoundsUnderWay'], ['compoundsOld']],
  lamps: [['lightingRate'], ['darkLengthM', 'lampsFaulty']],
};
const TOPIC_OF_WORKSPACE: Record<string, keyof typeof FIGURES_BY_TOPIC> = { ledger: 'problems', renovation: 'renovation', lighting: 'lamps' };

/** A slide has room for six figures beside its map. */
export const SCENE_FIGURE_LIMIT = 6;

/**
 * The key figures for a scene: the workspace's topic first, then each overlay the view shows
 * (`layers=` of the overview; all of them when absent); the problem figures when the view names
 * neither. At most SCENE_FIGURE_LIMIT.
 */
export function sceneFigures(headline: HeadlineFigures, search: string): SceneFigure[] {
  const params = new URLSearchParams(search);
  const topics: (keyof typeof FIGURES_BY_TOPIC)[] = [];
  const ws = TOPIC_OF_WORKSPACE[params.get('ws') ?? ''];
  if (ws) topics.push(ws);
  const layers = params.get('layers');
  for (const layer of layers === null ? ['problems', 'renovation', 'lamps'] : layers.split(',')) {
    if (layer in FIGURES_BY_TOPIC && !topics.includes(layer as keyof typeof FIGURES_BY_TOPIC)) topics.push(layer as keyof typeof FIGURES_BY_TOPIC);
  }
  if (topics.length === 0) topics.push('problems');
  const out: SceneFigure[] = [];
  for (const topic of topics) {
    for (const slot of FIGURES_BY_TOPIC[topic]) {
      const k = firstKpi(slot, headline);
      if (k && !out.some((f) => f.key === k.key)) out.push({ key: k.key, value: k.value });
    }
  }
  return out.slice(0, SCENE_FIGURE_LIMIT);
}
