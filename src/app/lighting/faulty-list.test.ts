import { describe, expect, it } from 'vitest';
import type { FaultyLampEntry } from '../../contract';
import { csvText } from '../../analysis/csv-export';
import { faultyCsvColumns, faultyRows } from './faulty-list';

const lamp = (id: string, darkM: number, install_year: number, extra: Partial<FaultyLampEntry> = {}): FaultyLampEntry => ({
  id,
  road: '科巷',
  grid: '320102099001001',
  type: 'grid',
  power_w: 60,
  install_year,
  darkM,
  lon: 118.78,
  lat: 32.04,
  ...extra,
});

describe('the faulty-lamp list', () => {
  const names = new Map([['320102099001001', '梧桐社区第一网格']]);
  const rows = faultyRows([lamp('L3', 0, 2010), lamp('L1', 14.6, 2020), lamp('L2', 14.6, 2005), lamp('L4', 0, 0, { power_w: 0 })], names, 2026);

  it('puts the most dark metres first, then the oldest lamp, then the id', () => {
    expect(rows.map((r) => r.id)).toEqual(['L2', 'L1', 'L3', 'L4']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it("gives each lamp its age at the data's year and its grid's name, unknowns as null", () => {
    expect(rows[0]).toMatchObject({ ageYears: 21, gridName: '梧桐社区第一网格', powerW: 60 });
    expect(rows[3]).toMatchObject({ ageYears: null, installYear: null, powerW: null });
  });

  it('exports the rows with Chinese headers, BOM first', () => {
    const text = csvText(faultyCsvColumns((t) => (t === 'grid' ? '市电' : '太阳能')), rows);
    const lines = text.slice(1).split('\r\n');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe('序号,路灯编号,所在道路,网格编码,网格名称,供电方式,功率(瓦),安装年份,灯龄(年),造成暗段(米),经度,纬度');
    expect(lines[1]).toBe('1,L2,科巷,320102099001001,梧桐社区第一网格,市电,60,2005,21,14.6,118.78,32.04');
    expect(lines[4]).toBe('4,L4,科巷,320102099001001,梧桐社区第一网格,市电,,,,0,118.78,32.04');
  });
});
