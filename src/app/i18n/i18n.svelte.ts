/**
 * The interface language as reactive state. `t()` reads it, so any template or `$derived` that calls
 * `t()` re-renders when the language changes.
 */
import { en } from './en';
import type { MessageKey, Messages } from './keys';
import { initialLang, LANG_STORAGE_KEY, urlWithLang, type Lang } from './language';
import { translate, type MessageParams } from './translate';
import { zhCN } from './zh-CN';

export const DICTIONARIES: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

function storedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null; // storage disabled by policy: fall back to the default
  }
}

let current = $state<Lang>(initialLang(location.search, storedLang()));

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // not persisted; the choice still holds for this page
  }
  // Keep `?lang=` in step, or a reload of a `?lang=…` address would undo the choice.
  history.replaceState(history.state, '', urlWithLang(location.href, next));
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(DICTIONARIES[current], key, params);
}
