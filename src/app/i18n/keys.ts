/**
 * The typed key set of the interface's words. Both dictionaries are `Record<MessageKey, string>`,
 * so a key missing from either fails type-check. Enum labels are keyed by the contract's own enum
 * values (`problemStatus.${ProblemStatus}`…), so a status added to src/contract fails type-check
 * here until it has a Chinese and an English label.
 */
import type {
  ArchiveName,
  CompoundStatus,
  GridMetric,
  LampStatus,
  LampType,
  ProblemNature,
  ProblemStatus,
  PropertyManagement,
} from '../../contract';
import type { OverlayGroup } from '../map/layer-ids';
import type { FeatureKey } from './feature-messages';

export const UI_KEYS = [
  'app.name',
  'app.title',
  'app.demoBadge',
  'app.demoBadgeTitle',
  'app.language',
  'app.loading',
  'app.asOf',
  'app.subDistrict',
  'panel.show',
  'panel.hide',
  'panel.figures',
  'panel.layers',
  'panel.legend',
  'figure.problemsOpen',
  'figure.problemsOverdue',
  'figure.closureRate',
  'figure.closureRateNote',
  'figure.compounds',
  'figure.compoundsOld',
  'figure.compoundsRenovated',
  'figure.compoundsUnderWay',
  'figure.renovatedShare',
  'figure.lightingRate',
  'figure.lampsWorkingOf',
  'unit.problems',
  'unit.compounds',
  'unit.lamps',
  'unit.households',
  'unit.buildings',
  'unit.merchants',
  'unit.meters',
  'unit.watt',
  'unit.wanYuan',
  'metric.label',
  'legend.grids.subdistrict',
  'legend.grids.community',
  'legend.grids.l4',
  'legend.grids.l5',
  'legend.grids.choroplethCaption',
  'legend.renovation.oldUnreached',
  'legend.renovation.notOld',
  'legend.renovation.roadWorks',
  'legend.lamps.ringSolar',
  'legend.lamps.ringGrid',
  'legend.problems.heat',
  'legend.problems.heatLow',
  'legend.problems.heatHigh',
  'legend.problems.points',
  'legend.problems.overdue',
  'legend.problems.closed',
  'legend.problems.other',
  'legend.empty',
  'error.title',
  'error.manifest',
  'error.archive',
  'error.map',
  'error.hint',
  'error.dismiss',
  'popup.kind.grid',
  'popup.kind.compound',
  'popup.kind.roadWork',
  'popup.kind.lamp',
  'popup.kind.problem',
  'field.code',
  'field.id',
  'field.name',
  'field.community',
  'field.chief',
  'field.households',
  'field.merchants',
  'field.openProblems',
  'field.problemsPer100hh',
  'field.renovationCoverage',
  'field.builtYear',
  'field.buildings',
  'field.propertyManagement',
  'field.oldCompound',
  'field.renovationStatus',
  'field.projects',
  'field.grid',
  'field.year',
  'field.budget',
  'field.length',
  'field.lampType',
  'field.lampStatus',
  'field.power',
  'field.road',
  'field.installYear',
  'field.scheduleGroup',
  'field.category',
  'field.problemStatus',
  'field.nature',
  'field.department',
  'field.reported',
  'field.deadline',
  'field.overdue',
  'field.severity',
  'field.description',
  'value.yes',
  'value.no',
  'value.overdue',
  'value.missing',
  'severity.1',
  'severity.2',
  'severity.3',
] as const;

export type UiKey = (typeof UI_KEYS)[number];

export type EnumKey =
  | `problemStatus.${ProblemStatus}`
  | `nature.${ProblemNature}`
  | `pm.${PropertyManagement}`
  | `compoundStatus.${CompoundStatus}`
  | `lampType.${LampType}`
  | `lampStatus.${LampStatus}`
  | `metric.${GridMetric}`
  | `layer.${OverlayGroup}`
  | `archive.${ArchiveName}`;

export type MessageKey = UiKey | EnumKey | FeatureKey;
/** The core dictionary (zh-CN.ts, en.ts), before the features' own words are merged in. */
export type CoreMessages = Record<UiKey | EnumKey, string>;
export type Messages = Record<MessageKey, string>;
