/**
 * The reference tables of the demo office, kept as data (DOMAIN.md: an office loads its own):
 * departments, problem categories (数字城管 部件/事件, 2-digit major + 3-digit minor) and the
 * renovation item catalogue (国办发〔2020〕23号 基础类 / 完善类 / 提升类).
 *
 * Routing follows the seeds: 物业办 takes sewer blockages, chaotic parking and late garbage
 * collection; 安全办 takes private wiring, blocked fire lanes and missing extinguishers;
 * district-level matters go to the district bureaus.
 */
import type { Category, Department, RenovationItemType } from '../../src/contract';

export const DEPARTMENTS: readonly Department[] = [
  { code: 'BM01', name: '网格中心', level: 'street' },
  { code: 'BM02', name: '物业办', level: 'street' },
  { code: 'BM03', name: '安全办', level: 'street' },
  { code: 'BM04', name: '城管执法中队', level: 'street' },
  { code: 'BM05', name: '市政所', level: 'street' },
  { code: 'BM06', name: '环卫所', level: 'street' },
  { code: 'BM07', name: '社区服务中心', level: 'street' },
  { code: 'BM08', name: '派出所', level: 'street' },
  { code: 'BM09', name: '市场监管所', level: 'street' },
  { code: 'BM10', name: '消防救援站', level: 'district' },
  { code: 'BM11', name: '区住建局', level: 'district' },
  { code: 'BM12', name: '区城管局', level: 'district' },
  { code: 'BM13', name: '区交警大队', level: 'district' },
  { code: 'BM14', name: '市排水管理处', level: 'city' },
];

/** Departments that adopt a community (挂点联系, as Meizhou's 14 departments do). */
export const ADOPTING_DEPARTMENTS = ['BM02', 'BM03', 'BM04', 'BM05', 'BM06', 'BM08', 'BM09', 'BM07'];

export const MAJOR_CLASSES: Record<string, string> = {
  '01': '市容环境',
  '02': '宣传广告',
  '03': '街面秩序',
  '04': '安全隐患',
  '05': '市政设施',
  '06': '小区治理',
  '99': '其他',
};

type CategoryRow = Omit<Category, 'major_code' | 'major_name'>;

const c = (
  code: string,
  name: string,
  kind: Category['kind'],
  deadline_value: number,
  deadline_unit: Category['deadline_unit'],
  default_department: string,
  severity: number,
): CategoryRow => ({ code, name, kind, deadline_value, deadline_unit, default_department, severity });

const CATEGORY_ROWS: CategoryRow[] = [
  c('01001', '暴露垃圾', 'event', 2, 'hours', 'BM06', 2),
  c('01002', '积存垃圾渣土', 'event', 1, 'working_days', 'BM06', 2),
  c('01003', '道路不洁', 'event', 4, 'hours', 'BM06', 1),
  c('01004', '垃圾箱满溢破损', 'component', 4, 'working_hours', 'BM06', 1),
  c('01005', '乱涂乱画', 'event', 2, 'working_days', 'BM04', 1),
  c('01006', '乱晾晒', 'event', 1, 'working_days', 'BM07', 1),
  c('01007', '绿地脏乱', 'event', 2, 'working_days', 'BM05', 1),
  c('02001', '非法小广告', 'event', 1, 'working_days', 'BM04', 1),
  c('02002', '违规户外广告', 'event', 3, 'working_days', 'BM04', 2),
  c('02003', '公益广告破损缺失', 'component', 5, 'working_days', 'BM07', 1),
  c('02004', '店招店牌破损', 'component', 3, 'working_days', 'BM09', 2),
  c('03001', '占道经营', 'event', 4, 'working_hours', 'BM04', 2),
  c('03002', '机动车乱停放', 'event', 2, 'hours', 'BM02', 2),
  c('03003', '非机动车乱停放', 'event', 4, 'hours', 'BM04', 1),
  c('03004', '店外经营', 'event', 4, 'working_hours', 'BM04', 2),
  c('03005', '流动摊贩', 'event', 2, 'hours', 'BM04', 1),
  c('03006', '露天烧烤', 'event', 2, 'hours', 'BM04', 2),
  c('03007', '施工围挡不规范', 'event', 3, 'working_days', 'BM11', 2),
  c('04001', '消防通道堵塞', 'event', 1, 'working_days', 'BM03', 3),
  c('04002', '飞线充电', 'event', 1, 'working_days', 'BM03', 3),
  c('04003', '灭火器缺失过期', 'component', 3, 'working_days', 'BM03', 2),
  c('04004', '私拉电线', 'event', 1, 'working_days', 'BM03', 3),
  c('04005', '燃气安全隐患', 'event', 4, 'hours', 'BM03', 3),
  c('04006', '高空坠物隐患', 'event', 2, 'working_days', 'BM03', 3),
  c('05001', '路灯不亮', 'component', 1, 'working_days', 'BM05', 2),
  c('05002', '井盖缺损', 'component', 4, 'hours', 'BM05', 3),
  c('05003', '下水道堵塞', 'event', 1, 'working_days', 'BM02', 2),
  c('05004', '道路破损', 'component', 3, 'working_days', 'BM05', 2),
  c('05005', '护栏损坏', 'component', 3, 'working_days', 'BM05', 1),
  c('05006', '盲道占用破损', 'component', 3, 'working_days', 'BM05', 1),
  c('06001', '垃圾清运不及时', 'event', 1, 'working_days', 'BM02', 2),
  c('06002', '楼道堆物', 'event', 2, 'working_days', 'BM02', 2),
  c('06003', '违章搭建', 'event', 10, 'working_days', 'BM04', 3),
  c('06004', '小区路面破损', 'component', 5, 'working_days', 'BM02', 1),
  c('06005', '楼道灯不亮', 'component', 2, 'working_days', 'BM02', 1),
  c('06006', '毁绿种菜', 'event', 3, 'working_days', 'BM07', 1),
  c('99001', '噪声扰民', 'event', 1, 'working_days', 'BM08', 2),
  c('99002', '违规饲养犬只', 'event', 2, 'working_days', 'BM08', 1),
  c('99099', '其他问题', 'event', 5, 'working_days', 'BM01', 1),
];

export const CATEGORIES: readonly Category[] = CATEGORY_ROWS.map((row) => {
  const major_code = row.code.slice(0, 2);
  return {
    code: row.code,
    name: row.name,
    major_code,
    major_name: MAJOR_CLASSES[major_code] as string,
    kind: row.kind,
    deadline_value: row.deadline_value,
    deadline_unit: row.deadline_unit,
    default_department: row.default_department,
    severity: row.severity,
  };
});

/** An item type with what the generator needs to price and size it (not written to the CSV). */
export interface RenovationItemSpec extends RenovationItemType {
  /** 万元 per unit. */
  unitCostWan: number;
  /** Typical quantity per household of the compound (0 = per compound, see perCompound). */
  perHousehold: number;
  /** Typical quantity per compound regardless of size. */
  perCompound: number;
}

const item = (
  code: string,
  name: string,
  cls: RenovationItemType['class'],
  unit: string,
  unitCostWan: number,
  perHousehold: number,
  perCompound: number,
): RenovationItemSpec => ({ code, name, class: cls, unit, unitCostWan, perHousehold, perCompound });

export const RENOVATION_ITEMS: readonly RenovationItemSpec[] = [
  item('B01', '供水管网改造', 'basic', '米', 0.04, 1.2, 0),
  item('B02', '雨污分流及排水管网改造', 'basic', '米', 0.06, 1.0, 0),
  item('B03', '供电线路改造', 'basic', '米', 0.03, 1.0, 0),
  item('B04', '燃气管道改造', 'basic', '米', 0.05, 1.0, 0),
  item('B05', '屋面防水', 'basic', '平方米', 0.012, 6, 0),
  item('B06', '外墙立面整治', 'basic', '平方米', 0.02, 6, 0),
  item('B07', '消防设施', 'basic', '套', 0.3, 0.06, 2),
  item('B08', '道路硬化', 'basic', '平方米', 0.015, 5, 0),
  item('B09', '弱电线路规整', 'basic', '米', 0.01, 2, 0),
  item('B10', '楼道修缮', 'basic', '个单元', 1.5, 0.06, 0),
  item('I01', '电动车充电桩', 'improve', '个', 0.3, 0.12, 0),
  item('I02', '加装电梯', 'improve', '部', 60, 0, 1),
  item('I03', '停车位', 'improve', '个', 0.5, 0.1, 0),
  item('I04', '公告栏', 'improve', '块', 0.3, 0, 2),
  item('I05', '门卫室', 'improve', '间', 8, 0, 1),
  item('I06', '安防监控', 'improve', '路', 0.4, 0.06, 4),
  item('I07', '绿化提升', 'improve', '平方米', 0.02, 1.5, 0),
  item('I08', '垃圾分类亭', 'improve', '座', 3, 0, 1),
  item('I09', '非机动车棚', 'improve', '平方米', 0.05, 0.6, 0),
  item('I10', '楼道灯', 'improve', '盏', 0.015, 0.3, 0),
  item('U01', '养老服务站', 'upgrade', '处', 30, 0, 1),
  item('U02', '托育点', 'upgrade', '处', 25, 0, 1),
  item('U03', '便民服务站', 'upgrade', '处', 20, 0, 1),
  item('U04', '口袋公园', 'upgrade', '平方米', 0.06, 0, 300),
  item('U05', '健身器材', 'upgrade', '套', 0.8, 0, 6),
  item('U06', '文化活动室', 'upgrade', '平方米', 0.3, 0, 60),
];
