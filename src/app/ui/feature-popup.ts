/**
 * What the popup of a clicked feature says: a heading, a title and labelled rows, in the interface
 * language, with codes resolved to names through the manifest's tables. Pure data (no DOM), so it is
 * tested in Node; feature-popup-dom.ts turns it into elements, as text only.
 *
 * Tile properties arrive untyped from the worker, so every value is read defensively: a missing or
 * malformed field shows as "—" rather than "undefined".
 */
import type {
  CompoundTileProps,
  GridTileProps,
  LampTileProps,
  Manifest,
  ProblemTileProps,
} from '../../contract';
import { LAMP_STATUSES, LAMP_TYPES, PROBLEM_NATURES, PROBLEM_STATUSES, PROJECT_STATUSES, PROPERTY_MANAGEMENT } from '../../contract';
import { formatDateTime, formatNumber, formatPercent } from '../format';
import type { MessageKey } from '../i18n/keys';
import type { Lang } from '../i18n/language';
import type { Translate } from '../i18n/translate';

export type PopupKind = 'grid' | 'compound' | 'roadWork' | 'lamp' | 'problem';

/** Which clickable style layer shows which kind of popup, topmost first. */
export const POPUP_LAYERS: readonly { layer: string; kind: PopupKind }[] = [
  { layer: 'problems-points', kind: 'problem' },
  { layer: 'lamps', kind: 'lamp' },
  { layer: 'road-works', kind: 'roadWork' },
  { layer: 'compound-fill', kind: 'compound' },
  { layer: 'grid-choropleth', kind: 'grid' },
];

export interface PopupRow {
  label: string;
  value: string;
  /** Shown in red: an overdue problem, a faulty lamp, an old compound nobody has reached. */
  alert?: boolean;
}

export interface PopupContent {
  kind: PopupKind;
  /** The kind, localized ("问题", "路灯"…). */
  heading: string;
  title: string;
  rows: PopupRow[];
}

export interface Lookups {
  categories: Map<string, { name: string; majorName: string }>;
  departments: Map<string, string>;
  communities: Map<string, string>;
}

export function lookupsFromManifest(m: Pick<Manifest, 'categories' | 'departments' | 'communities'>): Lookups {
  return {
    categories: new Map(m.categories.map((c) => [c.code, { name: c.name, majorName: c.major_name }])),
    departments: new Map(m.departments.map((d) => [d.code, d.name])),
    communities: new Map(m.communities.map((c) => [c.code, c.name])),
  };
}

export interface DescribeContext {
  t: Translate;
  lang: Lang;
  lookups: Lookups;
}

type Props = Record<string, unknown>;

function str(props: Props, key: string): string | null {
  const v = props[key];
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(props: Props, key: string): number | null {
  const v = props[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** MVT has booleans, but some writers emit 0/1 or "true"/"false". */
function bool(props: Props, key: string): boolean | null {
  const v = props[key];
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 'true' || v === '1') return true;
  if (v === 0 || v === 'false' || v === '0') return false;
  return null;
}

/** An enum value's label, or the raw value when it is not one the contract knows. */
function enumLabel<T extends string>(ctx: DescribeContext, prefix: string, allowed: readonly T[], value: string | null): string | null {
  if (value === null) return null;
  return (allowed as readonly string[]).includes(value) ? ctx.t(`${prefix}.${value}` as MessageKey) : value;
}

/** "安全办（D02）" in Chinese, "安全办 (D02)" in English. */
function aside(ctx: DescribeContext, text: string, note: string): string {
  return ctx.lang === 'zh-CN' ? `${text}（${note}）` : `${text} (${note})`;
}

function named(ctx: DescribeContext, code: string | null, table: Map<string, string>): string | null {
  if (code === null) return null;
  const name = table.get(code);
  return name ? aside(ctx, name, code) : code;
}

class RowList {
  readonly rows: PopupRow[] = [];
  constructor(private readonly ctx: DescribeContext) {}
  add(label: MessageKey, value: string | null, alert = false): this {
    this.rows.push({ label: this.ctx.t(label), value: value ?? this.ctx.t('value.missing'), ...(alert ? { alert } : {}) });
    return this;
  }
}

function withUnit(ctx: DescribeContext, value: number | null, unit: MessageKey, digits = 0): string | null {
  if (value === null) return null;
  const u = ctx.t(unit);
  const n = formatNumber(value, ctx.lang, digits);
  // Chinese sets the unit right after the number ("120户"); English needs a space.
  return u ? (ctx.lang === 'zh-CN' ? `${n}${u}` : `${n} ${u}`) : n;
}

function yesNo(ctx: DescribeContext, v: boolean | null): string | null {
  return v === null ? null : ctx.t(v ? 'value.yes' : 'value.no');
}

function describeGrid(p: Props, ctx: DescribeContext): PopupContent {
  const code = str(p, 'code' satisfies keyof GridTileProps);
  const community = code && code.length >= 12 ? named(ctx, code.slice(0, 12), ctx.lookups.communities) : null;
  const coverage = num(p, 'renovation_coverage');
  const rows = new RowList(ctx)
    .add('field.code', code)
    .add('field.community', community)
    .add('field.chief', str(p, 'chief'))
    .add('field.households', withUnit(ctx, num(p, 'households'), 'unit.households'))
    .add('field.merchants', withUnit(ctx, num(p, 'merchants'), 'unit.merchants'))
    .add('field.openProblems', withUnit(ctx, num(p, 'open_problems'), 'unit.problems'))
    .add('field.problemsPer100hh', withUnit(ctx, num(p, 'problems_per_100hh'), 'unit.problems', 1))
    .add('field.renovationCoverage', coverage === null ? null : formatPercent(coverage, ctx.lang)).rows;
  return { kind: 'grid', heading: ctx.t('popup.kind.grid'), title: str(p, 'name') ?? code ?? '', rows };
}

function describeCompound(p: Props, ctx: DescribeContext): PopupContent {
  const status = str(p, 'status' satisfies keyof CompoundTileProps);
  const old = bool(p, 'old');
  const unreached = old === true && status === 'none';
  const rows = new RowList(ctx)
    .add('field.renovationStatus', enumLabel(ctx, 'compoundStatus', ['none', ...PROJECT_STATUSES], status), unreached)
    .add('field.oldCompound', yesNo(ctx, old), unreached)
    .add('field.builtYear', str(p, 'built_year'))
    .add('field.households', withUnit(ctx, num(p, 'households'), 'unit.households'))
    .add('field.buildings', withUnit(ctx, num(p, 'buildings'), 'unit.buildings'))
    .add('field.propertyManagement', enumLabel(ctx, 'pm', PROPERTY_MANAGEMENT, str(p, 'pm')))
    .add('field.projects', str(p, 'projects')?.split(';').join('、') ?? null)
    .add('field.grid', str(p, 'grid'))
    .add('field.id', str(p, 'id')).rows;
  return { kind: 'compound', heading: ctx.t('popup.kind.compound'), title: str(p, 'name') ?? str(p, 'id') ?? '', rows };
}

/** Road works carry the RoadWork fields of the contract (id, name, year, status, budget_wan) and the
 * pipeline's `length_m`. */
function describeRoadWork(p: Props, ctx: DescribeContext): PopupContent {
  const rows = new RowList(ctx)
    .add('field.renovationStatus', enumLabel(ctx, 'compoundStatus', PROJECT_STATUSES, str(p, 'status')))
    .add('field.year', str(p, 'year'))
    .add('field.budget', withUnit(ctx, num(p, 'budget_wan'), 'unit.wanYuan', 1))
    .add('field.length', withUnit(ctx, num(p, 'length_m'), 'unit.meters'))
    .add('field.id', str(p, 'id')).rows;
  return { kind: 'roadWork', heading: ctx.t('popup.kind.roadWork'), title: str(p, 'name') ?? str(p, 'id') ?? '', rows };
}

function describeLamp(p: Props, ctx: DescribeContext): PopupContent {
  const status = str(p, 'status' satisfies keyof LampTileProps);
  const rows = new RowList(ctx)
    .add('field.lampStatus', enumLabel(ctx, 'lampStatus', LAMP_STATUSES, status), status === 'faulty')
    .add('field.lampType', enumLabel(ctx, 'lampType', LAMP_TYPES, str(p, 'type')))
    // 0 means the register does not record it (power_w and install_year may be left empty): "—".
    .add('field.power', withUnit(ctx, num(p, 'power_w') || null, 'unit.watt'))
    .add('field.road', str(p, 'road'))
    .add('field.installYear', num(p, 'install_year') ? str(p, 'install_year') : null)
    .add('field.scheduleGroup', str(p, 'group'))
    .add('field.grid', str(p, 'grid')).rows;
  return { kind: 'lamp', heading: ctx.t('popup.kind.lamp'), title: str(p, 'id') ?? '', rows };
}

function describeProblem(p: Props, ctx: DescribeContext): PopupContent {
  const catCode = str(p, 'cat' satisfies keyof ProblemTileProps);
  const cat = catCode ? ctx.lookups.categories.get(catCode) : undefined;
  const category = cat && catCode ? aside(ctx, `${cat.majorName} › ${cat.name}`, catCode) : catCode;
  const overdue = num(p, 'overdue') === 1;
  const reported = num(p, 'reported');
  const deadline = num(p, 'deadline');
  const severity = num(p, 'severity');
  const severityText =
    severity === null ? null : severity >= 1 && severity <= 3 ? aside(ctx, String(severity), ctx.t(`severity.${severity}` as MessageKey)) : String(severity);
  const rows = new RowList(ctx)
    .add('field.category', category)
    .add('field.problemStatus', enumLabel(ctx, 'problemStatus', PROBLEM_STATUSES, str(p, 'status')))
    .add('field.nature', enumLabel(ctx, 'nature', PROBLEM_NATURES, str(p, 'nature')))
    .add('field.department', named(ctx, str(p, 'dept'), ctx.lookups.departments))
    .add('field.reported', reported === null ? null : formatDateTime(reported, ctx.lang))
    .add('field.deadline', deadline === null ? null : formatDateTime(deadline, ctx.lang), overdue)
    .add('field.overdue', overdue ? ctx.t('value.overdue') : ctx.t('value.no'), overdue)
    .add('field.severity', severityText)
    .add('field.grid', str(p, 'grid'))
    .add('field.description', str(p, 'desc')).rows;
  return { kind: 'problem', heading: ctx.t('popup.kind.problem'), title: str(p, 'id') ?? '', rows };
}

const DESCRIBERS: Record<PopupKind, (p: Props, ctx: DescribeContext) => PopupContent> = {
  grid: describeGrid,
  compound: describeCompound,
  roadWork: describeRoadWork,
  lamp: describeLamp,
  problem: describeProblem,
};

/** The popup for a feature of a clickable layer; null for any other layer. */
export function describeFeature(layerId: string, properties: Props, ctx: DescribeContext): PopupContent | null {
  const entry = POPUP_LAYERS.find((l) => l.layer === layerId);
  return entry ? DESCRIBERS[entry.kind](properties, ctx) : null;
}
