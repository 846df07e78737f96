/**
 * The ledger's own inputs, named in guatu.config.json → `ledger` (src/contract/ledger.ts
 * LedgerConfig): the workspace settings, the working calendar (holidays and 调休) and an import
 * mapping for a problems file laid out another way. Read once per config; every mistake is fatal
 * and names the file and what was expected, since each of them changes every deadline or score.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CalendarDays, DatasetConfig, LedgerConfig, LedgerSettings } from '../../../src/contract';
import { LedgerSettingsError, resolveLedgerSettings } from '../../../src/analysis/ledger/settings';
import { CalendarFileError, parseCalendarCsv, workingCalendar, type WorkingCalendar } from '../../../src/analysis/ledger/working-calendar';
import { InputFileError } from '../errors';
import { parseJsonFile } from '../formats/json';
import { displayPath } from '../read';
import { readLedgerMapping, type LedgerMapping } from './ledger-mapping';

export interface LedgerInputs {
  settings: LedgerSettings;
  /** Displayed path of the settings file, null for the defaults. */
  settingsFile: string | null;
  calendarDays: CalendarDays;
  calendarFile: string | null;
  calendar: WorkingCalendar;
  mapping: LedgerMapping | null;
  mappingFile: string | null;
}

const cache = new Map<string, LedgerInputs>();

/** The ledger inputs of the dataset whose config is at `configPath` (read on first use). */
export function ledgerInputs(configPath: string, config: Pick<DatasetConfig, 'ledger'>): LedgerInputs {
  const key = `${resolve(configPath)}|${JSON.stringify(config.ledger ?? {})}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const inputs = readLedgerInputs(configPath, config.ledger);
  cache.set(key, inputs);
  return inputs;
}

function readLedgerInputs(configPath: string, section: unknown): LedgerInputs {
  const base = dirname(resolve(configPath));
  const fail = (key: string, expected: string): never => {
    throw new InputFileError(configPath, `"ledger.${key}" ${expected}`);
  };
  if (section !== undefined && (typeof section !== 'object' || section === null || Array.isArray(section))) {
    throw new InputFileError(configPath, '"ledger" must be an object { "settings", "calendar", "mapping" } naming files');
  }
  const ledger = (section ?? {}) as Record<string, unknown>;
  const allowed: (keyof LedgerConfig)[] = ['settings', 'calendar', 'mapping'];
  for (const k of Object.keys(ledger)) if (!allowed.includes(k as keyof LedgerConfig)) fail(k, `is not a ledger key; expected ${allowed.join(', ')}`);
  const path = (k: keyof LedgerConfig): string | null => {
    const v = ledger[k];
    if (v === undefined) return null;
    if (typeof v !== 'string' || v === '') return fail(k, 'must name a file (relative to the config)');
    const absolute = resolve(base, v);
    if (!existsSync(absolute)) return fail(k, `names ${displayPath(absolute)}, which does not exist`);
    return absolute;
  };

  const settingsPath = path('settings');
  let settings: LedgerSettings;
  try {
    settings = resolveLedgerSettings(settingsPath === null ? undefined : parseJsonFile(displayPath(settingsPath)), settingsPath === null ? '(defaults)' : displayPath(settingsPath));
  } catch (e) {
    if (e instanceof LedgerSettingsError) throw new InputFileError(e.file, `"${e.key}" ${e.message.slice(e.message.indexOf(`"${e.key}"`) + e.key.length + 3)}`);
    throw e;
  }

  const calendarPath = path('calendar');
  let calendarDays: CalendarDays = { holidays: [], workdays: [] };
  if (calendarPath !== null) {
    try {
      calendarDays = parseCalendarCsv(readFileSync(calendarPath, 'utf8'), displayPath(calendarPath));
    } catch (e) {
      if (e instanceof CalendarFileError) throw new InputFileError(e.file, e.message.slice(e.message.indexOf(': line ') + 2).replace(/^line \d+: /, ''), { line: e.line });
      throw e;
    }
  }
  let calendar: WorkingCalendar;
  try {
    calendar = workingCalendar(calendarDays, settings.office);
  } catch (e) {
    throw new InputFileError(settingsPath === null ? configPath : displayPath(settingsPath), `"office.windows" ${(e as Error).message}`);
  }

  const mappingPath = path('mapping');
  return {
    settings,
    settingsFile: settingsPath === null ? null : displayPath(settingsPath),
    calendarDays,
    calendarFile: calendarPath === null ? null : displayPath(calendarPath),
    calendar,
    mapping: mappingPath === null ? null : readLedgerMapping(displayPath(mappingPath)),
    mappingFile: mappingPath === null ? null : displayPath(mappingPath),
  };
}
