import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawTable } from '../read';
import { applyLedgerMapping, readLedgerMapping, zonedTimeFormatter, type LedgerMapping } from './ledger-mapping';

const table = (header: string[], rows: string[][]): RawTable => ({ file: 'cases.csv', header, rows, lines: rows.map((_, i) => i + 2) });

describe('ledger import mapping', () => {
  it('reads local times in the declared zone, daylight saving included', () => {
    const pacific = zonedTimeFormatter('America/Los_Angeles');
    expect(pacific('2012-12-04 15:21:00')).toBe('2012-12-04T15:21:00-08:00');
    expect(pacific('2013-07-26 09:57:04')).toBe('2013-07-26T09:57:04-07:00');
    // The morning DST starts (2 a.m. → 3 a.m. on 10 March 2013): 01:30 is still standard time.
    expect(pacific('2013-03-10 01:30:00')).toBe('2013-03-10T01:30:00-08:00');
    expect(pacific('2013-03-10 03:30:00')).toBe('2013-03-10T03:30:00-07:00');
    // Text that is not a plain local time passes through for validate to judge.
    expect(pacific('2013-07-26T09:57:04+08:00')).toBe('2013-07-26T09:57:04+08:00');
    expect(pacific('')).toBe('');
  });

  it('copies, joins and sets fields, and treats the empty values as empty', () => {
    const mapping: LedgerMapping = {
      file: 'm.json',
      timeZone: 'America/Los_Angeles',
      emptyValues: ['NA'],
      fields: {
        registered_at: { copy: 'reported_at' },
        disposed_at: { copy: 'closed_at' },
        description: { join: ['Type', 'Details'], separator: ' / ' },
        nature: { value: 'prominent' },
        deadline: { value: '' },
      },
    };
    const out = applyLedgerMapping(
      table(
        ['id', 'reported_at', 'closed_at', 'Type', 'Details'],
        [
          ['1', '2012-12-04 15:21:00', 'NA', 'Utility_Excavation', 'Utility_Excavation'],
          ['2', '2013-07-26 09:57:04', '2013-08-02 12:01:03', 'Abandoned Vehicle', 'White - Honda'],
        ],
      ),
      mapping,
    );
    expect(out.header).toEqual(['id', 'reported_at', 'closed_at', 'Type', 'Details', 'registered_at', 'disposed_at', 'description', 'nature', 'deadline']);
    expect(out.rows[0]).toEqual(['1', '2012-12-04T15:21:00-08:00', '', 'Utility_Excavation', 'Utility_Excavation', '2012-12-04T15:21:00-08:00', '', 'Utility_Excavation', 'prominent', '']);
    expect(out.rows[1]![6]).toBe('2013-08-02T12:01:03-07:00');
    expect(out.rows[1]![7]).toBe('Abandoned Vehicle / White - Honda');
  });

  it('leaves a row of the wrong length for validate to reject', () => {
    const mapping: LedgerMapping = { file: 'm.json', timeZone: null, emptyValues: [], fields: { nature: { value: 'prominent' } } };
    const out = applyLedgerMapping(table(['id', 'x'], [['1']]), mapping);
    expect(out.rows[0]).toEqual(['1']);
  });

  it('names the file and column when the mapping uses a column the file lacks', () => {
    const mapping: LedgerMapping = { file: 'm.json', timeZone: null, emptyValues: [], fields: { description: { join: ['Type', 'Nope'] } } };
    expect(() => applyLedgerMapping(table(['id', 'Type'], []), mapping)).toThrow(/cases\.csv: line 1: has no column "Nope" \(used for description by m\.json\)/);
  });

  it('refuses a mapping file it cannot follow, naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guatu-mapping-'));
    const write = (name: string, json: unknown): string => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(json));
      return path;
    };
    expect(() => readLedgerMapping(write('a.json', { timeZone: 'Mars/Olympus' }))).toThrow(/"timeZone" "Mars\/Olympus" is not a time zone/);
    expect(() => readLedgerMapping(write('b.json', { fields: { nature: { constant: 'x' } } }))).toThrow(/"fields\.nature" must be/);
    expect(() => readLedgerMapping(write('c.json', { timezone: 'UTC' }))).toThrow(/"timezone" is not a mapping key/);
    expect(readLedgerMapping(write('d.json', { $comment: 'ok', fields: {} }))).toMatchObject({ timeZone: null, emptyValues: [], fields: {} });
  });
});
