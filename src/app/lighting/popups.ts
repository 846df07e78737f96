/**
 * Popups of the lighting layers, as text content for ui/feature-popup-dom.ts (never HTML): a dark
 * stretch (its road, class, length, grid) and a grid's lighting figures. Pure: tested in Node.
 */
import { ROAD_GRADES, type LightingCellFigures, type RoadGrade } from '../../contract';
import { cellTotals } from '../../analysis/lighting/lighting-figures';
import { formatNumber, formatPercent } from '../format';
import type { Lang } from '../i18n/language';
import type { MessageKey } from '../i18n/keys';
import type { PopupContent, PopupRow } from '../ui/feature-popup';

interface Ctx {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  lang: Lang;
  gridNames: ReadonlyMap<string, string>;
}

const MISSING = '—';

function text(v: unknown): string {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : MISSING;
}

function metres(ctx: Ctx, m: number): string {
  return `${formatNumber(m, ctx.lang, 1)} ${ctx.t('lighting.unitM')}`;
}

export function classLabel(ctx: Pick<Ctx, 't'>, cls: unknown): string {
  return (ROAD_GRADES as readonly unknown[]).includes(cls) ? ctx.t(`lighting.class.${cls as RoadGrade}`) : text(cls);
}

/** A dark stretch: tile properties arrive untyped from the worker, so each is read defensively. */
export function darkSegmentPopup(props: Record<string, unknown>, ctx: Ctx): PopupContent {
  const length = Number(props.length_m);
  const grid = typeof props.grid === 'string' ? props.grid : '';
  const rows: PopupRow[] = [
    { label: ctx.t('lighting.field.class'), value: classLabel(ctx, props.class) },
    { label: ctx.t('lighting.field.length'), value: Number.isFinite(length) ? metres(ctx, length) : MISSING, alert: true },
    { label: ctx.t('field.grid'), value: grid === '' ? MISSING : `${ctx.gridNames.get(grid) ?? ''} ${grid}`.trim() },
  ];
  return { kind: 'roadWork', heading: ctx.t('lighting.popup.dark'), title: text(props.name), rows };
}

export function gridLightingPopup(cell: LightingCellFigures, ctx: Ctx): PopupContent {
  const pct = (x: number | null): string => (x === null ? MISSING : formatPercent(x, ctx.lang));
  const totals = cellTotals(cell);
  const rows: PopupRow[] = [
    { label: ctx.t('lighting.rate'), value: `${pct(cell.lightingRate)}（${cell.lampsWorking}/${cell.lampsInstalled}）`, alert: cell.lightingRate !== null && cell.lightingRate < 0.9 },
    { label: ctx.t('lighting.intact'), value: pct(cell.intactRate) },
    { label: ctx.t('lighting.perKm'), value: cell.lampsPerKm === null ? MISSING : `${formatNumber(cell.lampsPerKm, ctx.lang, 1)} ${ctx.t('lighting.unitPerKm')}` },
    { label: ctx.t('lighting.dark'), value: `${metres(ctx, totals.darkM)}（${pct(totals.darkShare)}）`, alert: totals.darkM > 0 },
    { label: ctx.t('lighting.darkBack'), value: metres(ctx, cell.darkM.back_street) },
  ];
  return { kind: 'grid', heading: ctx.t('lighting.popup.grid'), title: `${cell.name} ${cell.code}`, rows };
}
