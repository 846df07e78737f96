/**
 * Which language the interface starts in: `?lang=` in the address wins (a wall-screen bookmark),
 * then the user's last choice (localStorage), then Chinese.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'guatu.lang';
export const LANG_QUERY_PARAM = 'lang';

/** Reads a language tag loosely (`zh`, `zh-cn`, `zh-Hans`, `en-US` …); null if it is neither. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

export function initialLang(search: string, stored: string | null): Lang {
  const fromQuery = parseLang(new URLSearchParams(search).get(LANG_QUERY_PARAM));
  return fromQuery ?? parseLang(stored) ?? DEFAULT_LANG;
}

/** The address with `?lang=` set, other parameters and the hash kept. */
export function urlWithLang(href: string, lang: Lang): string {
  const url = new URL(href);
  url.searchParams.set(LANG_QUERY_PARAM, lang === 'zh-CN' ? 'zh' : 'en');
  return url.href;
}
