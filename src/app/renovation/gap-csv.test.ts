import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../analysis/csv-export';
import type { GapRow } from '../../analysis/renovation';
import { gapCsv, gapCsvFileName } from './gap-csv';

const row = (over: Partial<GapRow>): GapRow => ({
  compound: 0,
  id: 'XQ1',
  name: '梧桐新村',
  community: '梧桐社区',
  grid: '梧桐社区第一网格',
  built_year: 1985,
  households: 200,
  buildings: 6,
  pm: 'none',
  problems12m: 9,
  problemsPer100: 4.5,
  householdsRank: 1,
  problemsRank: 2,
  rank: 1,
  ...over,
});

describe('the gap list as CSV', () => {
  it('starts with a BOM, has Chinese headers and one CRLF row per compound', () => {
    const text = gapCsv([row({}), row({ id: 'XQ2', rank: 2, problemsPer100: null, pm: 'simple' })]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('序号,小区编号,小区名称,所属社区,所属网格,建成年份,户数,楼栋数,物业类型,近12个月问题数,每百户问题数,户数名次,问题数名次');
    expect(lines[1]).toBe('1,XQ1,梧桐新村,梧桐社区,梧桐社区第一网格,1985,200,6,无物业,9,4.5,1,2');
    expect(lines[2]).toBe('2,XQ2,梧桐新村,梧桐社区,梧桐社区第一网格,1985,200,6,简易物业,9,,1,2');
    expect(lines[3]).toBe('');
  });

  it('keeps a name that looks like markup or a formula as inert text', () => {
    const text = gapCsv([row({ name: '=HYPERLINK("http://x")' }), row({ name: '<img src=x onerror=alert(1)>' })]);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[1]![2]).toBe('\'=HYPERLINK("http://x")');
    expect(parsed[2]![2]).toBe('<img src=x onerror=alert(1)>');
  });

  it('names the file after the sub-district and the as-of date', () => {
    expect(gapCsvFileName('梧桐街道', '2026-11-20T17:00:00+08:00')).toBe('老旧小区改造缺口_梧桐街道_20261120.csv');
    expect(gapCsvFileName('a/b:c', '2026-01-02T00:00:00+08:00')).toBe('老旧小区改造缺口_a_b_c_20260102.csv');
  });
});
