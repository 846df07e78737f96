/** A key figure as the wall tiles and the slides print it: the number and its unit, in the UI language. */
import type { Kpi, KpiKey } from '../../analysis/presentation/kpi';
import { formatNumber, formatPercent } from '../format';
import type { MessageKey } from '../i18n/keys';
import type { Lang } from '../i18n/language';
import type { Translate } from '../i18n/translate';

const COUNT_UNITS: Partial<Record<KpiKey, MessageKey>> = {
  problemsOpen: 'unit.problems',
  problemsRed: 'unit.problems',
  problemsOverdue: 'unit.problems',
  compoundsRenovated: 'unit.compounds',
  compoundsUnderWay: 'unit.compounds',
  compoundsOld: 'unit.compounds',
  lampsFaulty: 'unit.lamps',
};

export function formatKpi(key: KpiKey, format: Kpi['format'], value: number, lang: Lang, t: Translate): { value: string; unit: string } {
  switch (format) {
    case 'rate':
      return { value: formatPercent(value, lang), unit: '' };
    case 'metres':
      // Dark length reads in kilometres once it passes one.
      return value >= 1000 ? { value: formatNumber(value / 1000, lang, 1), unit: t('wall.unit.km') } : { value: formatNumber(value, lang), unit: t('wall.unit.m') };
    default: {
      const unit = COUNT_UNITS[key];
      return { value: formatNumber(value, lang), unit: unit ? t(unit) : '' };
    }
  }
}

/** "126 件", "98.3%", "1.5 公里": value and unit in one string. */
export function formatKpiText(key: KpiKey, format: Kpi['format'], value: number, lang: Lang, t: Translate): string {
  const f = formatKpi(key, format, value, lang, t);
  return f.unit ? `${f.value}${lang === 'en' ? ' ' : ''}${f.unit}` : f.value;
}
