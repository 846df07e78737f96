/**
 * The ledger's CSV exports (the filtered ledger, the weekly plan), through the one CSV module
 * (src/analysis/csv-export.ts: UTF-8 with BOM, CRLF, formula-safe). Headers and values in Chinese:
 * the files go to Excel on the office's desks. Pure; runs in the worker.
 */
import { csvText, type CsvColumn } from '../../analysis/csv-export';
import { zhCN } from '../i18n/zh-CN';
import type { PlanRowView, RowView } from './protocol';

const LEVEL_NAMES = ['白单', '黄单', '红单'];
const SOURCE_NAMES: Record<string, string> = {
  inspection: '巡查发现',
  hotline: '热线',
  resident: '居民反映',
  forum: '议事会',
  questionnaire: '问卷',
  evaluation: '测评督查',
};

/** `2026-11-20 17:00` in the office's clock. */
export function officeTime(ms: number | null, utcOffsetMinutes: number): string {
  if (ms === null) return '';
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const levelName = (r: RowView): string => (r.level === null ? '' : (LEVEL_NAMES[['white', 'yellow', 'red'].indexOf(r.level)] ?? ''));

function rowColumns(off: number): CsvColumn<RowView>[] {
  return [
    { header: '问题编号', value: (r) => r.id },
    { header: '大类代码', value: (r) => r.major },
    { header: '类别代码', value: (r) => r.category },
    { header: '问题类别', value: (r) => r.categoryName },
    { header: '办理状态', value: (r) => zhCN[`problemStatus.${r.status}`] },
    { header: '问题性质', value: (r) => zhCN[`nature.${r.nature}`] },
    { header: '问题来源', value: (r) => SOURCE_NAMES[r.source] ?? r.source },
    { header: '责任部门', value: (r) => r.departmentName },
    { header: '社区', value: (r) => r.communityName },
    { header: '网格编码', value: (r) => r.grid },
    { header: '网格', value: (r) => r.gridName },
    { header: '地址', value: (r) => r.address },
    { header: '问题描述', value: (r) => r.description },
    { header: '上报时间', value: (r) => officeTime(r.reported, off) },
    { header: '立案时间', value: (r) => officeTime(r.registered, off) },
    { header: '处置时限', value: (r) => officeTime(r.deadline, off) },
    { header: '结案时间', value: (r) => officeTime(r.closed, off) },
    { header: '返工次数', value: (r) => r.returns },
    { header: '督办等级', value: levelName },
    { header: '背街小巷', value: (r) => (r.onBackStreet ? '是' : '') },
    { header: '无物业小区', value: (r) => (r.inNoPropertyCompound ? '是' : '') },
    { header: '经度', value: (r) => Math.round(r.lon * 1e6) / 1e6 },
    { header: '纬度', value: (r) => Math.round(r.lat * 1e6) / 1e6 },
  ];
}

export function ledgerCsv(rows: Iterable<RowView>, utcOffsetMinutes: number): string {
  return csvText(rowColumns(utcOffsetMinutes), rows);
}

export interface PlanCsvRow extends PlanRowView {
  section: '本周应办' | '超期未办';
  week: string;
}

export function planCsv(rows: Iterable<PlanCsvRow>, utcOffsetMinutes: number): string {
  const base = rowColumns(utcOffsetMinutes);
  const pick = (header: string): CsvColumn<PlanCsvRow> => base.find((c) => c.header === header) as CsvColumn<PlanCsvRow>;
  const columns: CsvColumn<PlanCsvRow>[] = [
    { header: '周次', value: (r) => r.week },
    { header: '清单', value: (r) => r.section },
    pick('责任部门'),
    pick('社区'),
    pick('网格'),
    pick('问题编号'),
    pick('问题类别'),
    pick('地址'),
    pick('问题描述'),
    pick('处置时限'),
    { header: '超期小时', value: (r) => (r.overdueHours > 0 ? Math.round(r.overdueHours * 10) / 10 : '') },
    { header: '紧急度', value: (r) => (r.urgency > 0 ? Math.round(r.urgency) : '') },
    pick('督办等级'),
    pick('办理状态'),
  ];
  return csvText(columns, rows);
}
