/**
 * The gap list as the CSV a planner takes into next year's plan: Chinese headers, UTF-8 with BOM
 * (the shared ../../analysis/csv-export.ts), one row per old compound that no project lists, in the
 * order shown. Pure: tested in Node.
 */
import type { PropertyManagement } from '../../contract';
import type { GapRow } from '../../analysis/renovation';
import { csvText, type CsvColumn } from '../../analysis/csv-export';

const PM_ZH: Record<PropertyManagement, string> = { none: '无物业', simple: '简易物业', professional: '专业物业' };

export const GAP_COLUMNS: readonly CsvColumn<GapRow>[] = [
  { header: '序号', value: (r) => r.rank },
  { header: '小区编号', value: (r) => r.id },
  { header: '小区名称', value: (r) => r.name },
  { header: '所属社区', value: (r) => r.community },
  { header: '所属网格', value: (r) => r.grid },
  { header: '建成年份', value: (r) => r.built_year },
  { header: '户数', value: (r) => r.households },
  { header: '楼栋数', value: (r) => r.buildings },
  { header: '物业类型', value: (r) => PM_ZH[r.pm] ?? r.pm },
  { header: '近12个月问题数', value: (r) => r.problems12m },
  { header: '每百户问题数', value: (r) => r.problemsPer100 },
  { header: '户数名次', value: (r) => r.householdsRank },
  { header: '问题数名次', value: (r) => r.problemsRank },
];

export function gapCsv(rows: readonly GapRow[]): string {
  return csvText(GAP_COLUMNS, rows);
}

/** 老旧小区改造缺口_梧桐街道_20261120.csv */
export function gapCsvFileName(subDistrict: string, asOfIso: string): string {
  const date = asOfIso.slice(0, 10).replaceAll('-', '');
  return `老旧小区改造缺口_${subDistrict.replace(/[\\/:*?"<>|]/g, '_')}_${date}.csv`;
}
