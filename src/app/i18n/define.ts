/**
 * A feature's own words, in both languages. Each workspace (ledger, renovation, lighting, wall,
 * briefing) keeps its dictionary beside its code; `defineMessages` makes a key missing from either
 * language a type error, and i18n/keys.ts folds every feature's keys into `MessageKey`.
 */
export interface FeatureMessages<K extends string> {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(zhCN: Record<K, string>, en: Record<NoInfer<K>, string>): FeatureMessages<K> {
  return { 'zh-CN': zhCN, en };
}

export type KeysOf<M> = M extends FeatureMessages<infer K> ? K : never;
