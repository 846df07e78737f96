import { describe, expect, it } from 'vitest';
import { LEDGER_DEFAULTS, resolveLedgerSettings } from './settings';

describe('ledger settings', () => {
  it('are the defaults when a dataset has none', () => {
    expect(resolveLedgerSettings(undefined, 'x.json')).toEqual(LEDGER_DEFAULTS);
  });

  it('lay a partial file over the defaults', () => {
    const s = resolveLedgerSettings({ reboundWindowDays: 45, score: { reboundFactor: 3 } }, 'x.json');
    expect(s.reboundWindowDays).toBe(45);
    expect(s.score.reboundFactor).toBe(3);
    expect(s.score.backStreetWeight).toBe(LEDGER_DEFAULTS.score.backStreetWeight);
    expect(s.lists).toEqual(LEDGER_DEFAULTS.lists);
  });

  it('refuse a misspelt key, a wrong type or a share above 1, naming the file and key', () => {
    expect(() => resolveLedgerSettings({ score: { reboundFactr: 3 } }, 'x.json')).toThrow(/x\.json: "score\.reboundFactr" is not a ledger setting/);
    expect(() => resolveLedgerSettings({ reboundWindowDays: '30' }, 'x.json')).toThrow(/"reboundWindowDays" must be a number/);
    expect(() => resolveLedgerSettings({ supervision: { yellowShareOfLimit: 80 } }, 'x.json')).toThrow(/0–1/);
    expect(() => resolveLedgerSettings({ office: { windows: [[8, 'noon']] } }, 'x.json')).toThrow(/hour pairs/);
    expect(() => resolveLedgerSettings([], 'x.json')).toThrow(/JSON object/);
  });

  it('allow an office west of Greenwich', () => {
    expect(resolveLedgerSettings({ office: { utcOffsetMinutes: -480 } }, 'x.json').office.utcOffsetMinutes).toBe(-480);
  });
});
