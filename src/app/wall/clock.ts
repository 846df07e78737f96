/** The wall clock's text, always in the office's time zone (China Standard Time). */
import { OFFICE_TIME_ZONE } from '../format';
import type { Lang } from '../i18n/language';

const LOCALES: Record<Lang, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export function clockText(now: Date, lang: Lang): { date: string; time: string } {
  const date = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'long' }).format(now);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: OFFICE_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
  return { date, time };
}
