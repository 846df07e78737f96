/**
 * The faulty-lamp repair list: each faulty lamp with its road, grid, age and the dark road it
 * leaves, most dark metres first (a repair there lights the most street), then the oldest. The same
 * rows go to the screen and to the CSV export. Pure: tested in Node.
 */
import type { FaultyLampEntry, LampType } from '../../contract';
import type { CsvColumn } from '../../analysis/csv-export';

export interface FaultyRow {
  rank: number;
  id: string;
  road: string;
  grid: string;
  gridName: string;
  type: LampType;
  powerW: number | null;
  installYear: number | null;
  /** Whole years since installation at the data's as-of year; null when the register has no year. */
  ageYears: number | null;
  darkM: number;
  lon: number;
  lat: number;
}

export function faultyRows(faulty: readonly FaultyLampEntry[], gridNames: ReadonlyMap<string, string>, asOfYear: number): FaultyRow[] {
  return [...faulty]
    .sort((a, b) => b.darkM - a.darkM || (a.install_year || 9999) - (b.install_year || 9999) || a.id.localeCompare(b.id))
    .map((f, i) => ({
      rank: i + 1,
      id: f.id,
      road: f.road,
      grid: f.grid,
      gridName: gridNames.get(f.grid) ?? '',
      type: f.type,
      powerW: f.power_w > 0 ? f.power_w : null,
      installYear: f.install_year > 0 ? f.install_year : null,
      ageYears: f.install_year > 0 ? Math.max(0, asOfYear - f.install_year) : null,
      darkM: f.darkM,
      lon: f.lon,
      lat: f.lat,
    }));
}

/** Column headers of the export, in the office's words (the list is a 台账 to hand to the repair team). */
export function faultyCsvColumns(typeLabel: (t: LampType) => string): CsvColumn<FaultyRow>[] {
  return [
    { header: '序号', value: (r) => r.rank },
    { header: '路灯编号', value: (r) => r.id },
    { header: '所在道路', value: (r) => r.road },
    { header: '网格编码', value: (r) => r.grid },
    { header: '网格名称', value: (r) => r.gridName },
    { header: '供电方式', value: (r) => typeLabel(r.type) },
    { header: '功率(瓦)', value: (r) => r.powerW },
    { header: '安装年份', value: (r) => r.installYear },
    { header: '灯龄(年)', value: (r) => r.ageYears },
    { header: '造成暗段(米)', value: (r) => r.darkM },
    { header: '经度', value: (r) => r.lon },
    { header: '纬度', value: (r) => r.lat },
  ];
}
