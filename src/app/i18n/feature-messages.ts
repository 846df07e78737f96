/** Every feature's dictionary, merged into the two languages by zh-CN.ts and en.ts. */
import { briefingMessages } from '../briefing/messages';
import { ledgerMessages } from '../ledger/messages';
import { lightingMessages } from '../lighting/messages';
import { renovationMessages } from '../renovation/messages';
import { wallMessages } from '../wall/messages';
import { workspaceMessages } from '../workspaces/messages';
import type { KeysOf } from './define';

export const FEATURE_MESSAGES = [workspaceMessages, ledgerMessages, renovationMessages, lightingMessages, wallMessages, briefingMessages] as const;

export type FeatureKey = KeysOf<(typeof FEATURE_MESSAGES)[number]>;

export function featureMessages(lang: 'zh-CN' | 'en'): Record<FeatureKey, string> {
  return Object.assign({}, ...FEATURE_MESSAGES.map((m) => m[lang])) as Record<FeatureKey, string>;
}
