import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CSV_BOM, csvCell, csvText, type CsvColumn } from './csv-export';

interface Lamp {
  id: string;
  road: string;
  darkM: number;
  year: number | null;
}

const COLUMNS: CsvColumn<Lamp>[] = [
  { header: '路灯编号', value: (l) => l.id },
  { header: '所在道路', value: (l) => l.road },
  { header: '暗段长度(米)', value: (l) => l.darkM },
  { header: '安装年份', value: (l) => l.year },
];

describe('CSV export for Excel', () => {
  it('starts with a BOM, has the Chinese headers and ends every row with CRLF', () => {
    const text = csvText(COLUMNS, [{ id: 'LD00001', road: '科巷', darkM: 14.6, year: 2009 }]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe('路灯编号,所在道路,暗段长度(米),安装年份\r\nLD00001,科巷,14.6,2009\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(csvText(COLUMNS, [])).toBe(`${CSV_BOM}路灯编号,所在道路,暗段长度(米),安装年份\r\n`);
  });

  it('quotes commas, quotes and line breaks so the text survives a round trip', () => {
    const road = '中山路,"东"段\n北侧';
    const text = csvText(COLUMNS, [{ id: 'L1', road, darkM: 0, year: null }]);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.data[1]).toEqual(['L1', road, '0', '']);
  });

  it('neutralises text that Excel would run as a formula, and keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(csvCell('+86 123')).toBe(`'+86 123`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-5')).toBe(`'-5`);
    expect(csvCell(-5)).toBe(-5);
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('TRUE');
  });
});
