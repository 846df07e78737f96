/**
 * Looks a key up in a dictionary and fills `{name}` placeholders. Pure, so the dictionaries can be
 * tested in Node; the reactive wrapper is i18n.svelte.ts.
 */
import type { MessageKey, Messages } from './keys';

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).sort();
}

export function translate(messages: Messages, key: MessageKey, params: MessageParams = {}): string {
  const template = messages[key];
  // A placeholder without a value stays visible as `{name}`: a bug to see, not to hide.
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(messages: Messages): Translate {
  return (key, params) => translate(messages, key, params);
}
