/**
 * Errors the app shows the user. Kept as message keys (not rendered text) so the banner follows a
 * language switch; `detail` is the technical cause, shown small, for the administrator.
 */
import type { ArchiveName } from '../contract';
import type { MessageKey } from './i18n/keys';
import type { Translate } from './i18n/translate';

export interface AppError {
  message: MessageKey;
  /** A label key filled into the message's `{layer}`. */
  subject?: MessageKey;
  detail: string;
}

export function manifestError(detail: string): AppError {
  return { message: 'error.manifest', detail };
}

export function archiveError(name: ArchiveName, detail: string): AppError {
  return { message: 'error.archive', subject: `archive.${name}`, detail };
}

export function mapError(detail: string): AppError {
  return { message: 'error.map', detail };
}

/** The one-line form pushed to `window.__guatu.errors` for tests and the console. */
export function errorLine(e: AppError, t: Translate): string {
  return `${t(e.message, e.subject ? { layer: t(e.subject) } : {})} (${e.detail})`;
}
