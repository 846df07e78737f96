/**
 * Popups for a road work, a public-space work or a demonstration site clicked on the map: the
 * status at the timeline's month, the measures, the dates. Built as PopupContent (text only) and
 * rendered by ../ui/feature-popup-dom.ts, like the overview's popups. Tile properties arrive
 * untyped, so every value is read defensively.
 */
import { PUBLIC_SPACE_KINDS, type PublicSpaceKind } from '../../contract';
import type { Lang } from '../i18n/language';
import type { Translate } from '../i18n/translate';
import type { PopupContent, PopupRow } from '../ui/feature-popup';
import { amountLabel, dateLabel, wanLabel } from './format';

type Props = Record<string, unknown>;

const text = (p: Props, key: string): string => (typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : '—');
const num = (p: Props, key: string): number | null => (typeof p[key] === 'number' && Number.isFinite(p[key]) ? (p[key] as number) : null);
const secondsToMs = (s: number | null): number | null => (s === null ? null : s * 1000);

/** A work's status at the instant: completed, under way, or on paper. */
export function workStatusAt(p: Props, instantMs: number): 'completed' | 'under_construction' | 'planned' {
  const completed = secondsToMs(num(p, 'completed'));
  const started = secondsToMs(num(p, 'started'));
  if (completed !== null && completed <= instantMs) return 'completed';
  if (started !== null && started <= instantMs) return 'under_construction';
  return 'planned';
}

export function workPopup(kind: 'road' | 'publicSpace', p: Props, instantMs: number, t: Translate, lang: Lang): PopupContent {
  const rows: PopupRow[] = [];
  if (kind === 'publicSpace') {
    const k = text(p, 'kind');
    rows.push({ label: t('renovation.popup.kind'), value: (PUBLIC_SPACE_KINDS as readonly string[]).includes(k) ? t(`renovation.kind.${k as PublicSpaceKind}`) : k });
    const area = num(p, 'area_m2');
    rows.push({ label: t('renovation.popup.area'), value: area === null ? '—' : `${amountLabel(area, lang)} ${t('renovation.unit.m2')}` });
  } else {
    const length = num(p, 'length_m');
    rows.push({ label: t('field.length'), value: length === null ? '—' : `${amountLabel(length, lang)} ${t('unit.meters')}` });
  }
  const year = num(p, 'year');
  rows.push({ label: t('field.year'), value: year === null ? '—' : String(year) });
  rows.push({ label: t('renovation.popup.statusAtMonth'), value: t(`renovation.workStatus.${workStatusAt(p, instantMs)}`) });
  rows.push({ label: t('renovation.popup.started'), value: dateLabel(secondsToMs(num(p, 'started')), lang) });
  rows.push({ label: t('renovation.popup.completed'), value: dateLabel(secondsToMs(num(p, 'completed')), lang) });
  const budget = num(p, 'budget_wan');
  rows.push({ label: t('field.budget'), value: budget === null ? '—' : `${wanLabel(budget, lang)} ${t('unit.wanYuan')}` });
  return { kind: 'roadWork', heading: t(kind === 'road' ? 'renovation.popup.roadWork' : 'renovation.popup.publicSpace'), title: text(p, 'name'), rows };
}

export function sitePopup(p: Props, t: Translate, lang: Lang): PopupContent {
  return {
    kind: 'compound',
    heading: t('renovation.popup.site'),
    title: text(p, 'name'),
    rows: [
      { label: t('renovation.popup.theme'), value: text(p, 'theme') },
      { label: t('renovation.popup.opened'), value: dateLabel(secondsToMs(num(p, 'opened')), lang) },
      { label: t('renovation.popup.compound'), value: text(p, 'compound') },
    ],
  };
}
