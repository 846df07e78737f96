/**
 * How each problem category behaves in the demo ledger: how common it is, where it happens
 * (markets, shop fronts, back streets, old compounds, lamps), in which season, who reports it,
 * how often it comes back after closing, where it escalates to, and how a clerk words it.
 * The category table itself (codes, deadlines, departments) is data in tables.ts.
 */
import type { ProblemSource } from '../../src/contract';

export type PlaceKind = 'market' | 'storefront' | 'main_road' | 'back_street' | 'compound' | 'lamp' | 'anywhere';

/** Seasonal shapes: summer (garbage, stalls, barbecue), winter (dark lamps, charging), rain (梅雨, typhoons). */
export type Season = 'flat' | 'summer' | 'winter' | 'rain' | 'spring';

export interface CategoryProfile {
  /** Relative frequency. */
  weight: number;
  places: Partial<Record<PlaceKind, number>>;
  season: Season;
  /** Multipliers on the source mix (default 1). */
  sources?: Partial<Record<ProblemSource, number>>;
  /** Share of closed cases that come back at the same spot within 30 days. */
  rebound: number;
  /** Department a stubborn case is escalated to. */
  escalateTo?: string;
  /** Department by place, where the owner depends on where it happens (物业办 inside compounds). */
  departmentAt?: Partial<Record<PlaceKind, string>>;
  /** Reported mostly in the evening (barbecue, noise). */
  evening?: boolean;
  /** Clerk's wording; {addr} address, {spot} where at it, {when} time of day, {n} a small number. */
  templates: string[];
}

const p = (profile: CategoryProfile): CategoryProfile => profile;

export const CATEGORY_PROFILES: Record<string, CategoryProfile> = {
  '01001': p({
    weight: 14,
    places: { back_street: 4, market: 3, compound: 2, storefront: 2, main_road: 1 },
    season: 'summer',
    sources: { inspection: 1.3, evaluation: 1.5 },
    rebound: 0.1,
    escalateTo: 'BM12',
    templates: ['{addr}{spot}有暴露垃圾，{when}未及时清理', '{addr}附近生活垃圾堆放，散发异味', '{addr}垃圾桶外散落垃圾约{n}袋', '{addr}{spot}垃圾乱堆，群众反映强烈'],
  }),
  '01002': p({
    weight: 3,
    places: { back_street: 3, compound: 2, anywhere: 1 },
    season: 'flat',
    rebound: 0.06,
    escalateTo: 'BM12',
    templates: ['{addr}{spot}积存建筑垃圾渣土约{n}方', '{addr}装修垃圾长期堆放未清运'],
  }),
  '01003': p({
    weight: 4,
    places: { main_road: 2, back_street: 2, market: 2 },
    season: 'flat',
    sources: { evaluation: 1.6 },
    rebound: 0.05,
    templates: ['{addr}{spot}路面不洁，有油污和纸屑', '{addr}人行道积尘较多，清扫不到位'],
  }),
  '01004': p({
    weight: 3,
    places: { main_road: 2, back_street: 1, storefront: 1 },
    season: 'summer',
    rebound: 0.05,
    templates: ['{addr}{spot}垃圾箱满溢', '{addr}果皮箱破损，箱盖缺失', '{addr}分类垃圾桶满溢，周边脏乱'],
  }),
  '01005': p({
    weight: 2,
    places: { back_street: 3, compound: 1 },
    season: 'flat',
    rebound: 0.05,
    templates: ['{addr}{spot}墙面乱涂乱画', '{addr}电箱上乱涂乱画，影响市容'],
  }),
  '01006': p({
    weight: 2,
    places: { compound: 3, back_street: 2 },
    season: 'summer',
    rebound: 0.08,
    templates: ['{addr}沿街乱晾晒衣物', '{addr}{spot}在树木间拉绳晾晒'],
  }),
  '01007': p({
    weight: 1.5,
    places: { main_road: 2, compound: 1 },
    season: 'spring',
    rebound: 0.04,
    templates: ['{addr}{spot}绿化带内有垃圾杂物', '{addr}绿地内杂草丛生，缺株少苗'],
  }),
  '02001': p({
    weight: 7,
    places: { back_street: 3, compound: 2, main_road: 1, lamp: 1 },
    season: 'flat',
    sources: { inspection: 1.4 },
    rebound: 0.12,
    templates: ['{addr}{spot}张贴非法小广告', '{addr}电线杆上小广告{n}处', '{addr}楼道内喷涂办证小广告'],
  }),
  '02002': p({
    weight: 2,
    places: { storefront: 3, main_road: 1 },
    season: 'flat',
    rebound: 0.05,
    escalateTo: 'BM12',
    templates: ['{addr}商户擅自设置户外广告牌', '{addr}{spot}落地广告牌占用人行道'],
  }),
  '02003': p({
    weight: 1,
    places: { main_road: 1, compound: 1 },
    season: 'flat',
    sources: { evaluation: 2.5, inspection: 1.2 },
    rebound: 0.03,
    templates: ['{addr}公益广告画面破损褪色', '{addr}{spot}缺少文明城市公益广告'],
  }),
  '02004': p({
    weight: 1.5,
    places: { storefront: 1 },
    season: 'rain',
    rebound: 0.03,
    templates: ['{addr}店招店牌破损，存在脱落隐患', '{addr}店招灯箱缺字，夜间不亮'],
  }),
  '03001': p({
    weight: 10,
    places: { market: 4, storefront: 2, back_street: 2 },
    season: 'summer',
    sources: { inspection: 1.4, evaluation: 1.3 },
    rebound: 0.15,
    escalateTo: 'BM12',
    templates: ['{addr}{spot}占道经营，{when}影响通行', '{addr}菜摊占用人行道经营', '{addr}{spot}水果摊占道，行人需绕行机动车道'],
  }),
  '03002': p({
    weight: 6,
    places: { compound: 3, back_street: 2, main_road: 1 },
    season: 'flat',
    sources: { hotline: 1.5, resident: 1.5 },
    rebound: 0.1,
    departmentAt: { main_road: 'BM13', back_street: 'BM13' },
    templates: ['{addr}机动车乱停放，堵塞通道', '{addr}{spot}车辆违停，{when}影响通行', '{addr}小区内车辆停放无序，消防车无法通行'],
  }),
  '03003': p({
    weight: 8,
    places: { storefront: 2, main_road: 3 },
    season: 'flat',
    sources: { inspection: 1.3 },
    rebound: 0.12,
    templates: ['{addr}{spot}共享单车乱停放', '{addr}人行道非机动车停放无序', '{addr}地铁口电动车乱停约{n}辆'],
  }),
  '03004': p({
    weight: 8,
    places: { storefront: 5 },
    season: 'summer',
    sources: { inspection: 1.4, evaluation: 1.3 },
    rebound: 0.15,
    escalateTo: 'BM12',
    templates: ['{addr}商户店外经营，占用人行道', '{addr}饭店{when}在门前摆放桌椅经营', '{addr}{spot}修车店出店作业'],
  }),
  '03005': p({
    weight: 3,
    places: { market: 2, main_road: 2, back_street: 1 },
    season: 'summer',
    rebound: 0.12,
    templates: ['{addr}{spot}流动摊贩聚集', '{addr}{when}三轮车流动售卖'],
  }),
  '03006': p({
    weight: 1.5,
    places: { back_street: 2, storefront: 2 },
    season: 'summer',
    sources: { hotline: 1.6, resident: 1.3 },
    rebound: 0.15,
    evening: true,
    templates: ['{addr}夜间露天烧烤，油烟扰民', '{addr}{spot}烧烤摊占道经营至凌晨'],
  }),
  '03007': p({
    weight: 1,
    places: { main_road: 1, back_street: 1 },
    season: 'flat',
    rebound: 0.03,
    templates: ['{addr}施工围挡破损，未设警示标志', '{addr}工地围挡不规范，渣土外溢'],
  }),
  '04001': p({
    weight: 3,
    places: { compound: 4, back_street: 1 },
    season: 'flat',
    sources: { inspection: 1.2, forum: 1.5 },
    rebound: 0.1,
    escalateTo: 'BM10',
    templates: ['{addr}消防通道被车辆和杂物堵塞', '{addr}{spot}消防通道堆放杂物', '{addr}消防通道地锁占用'],
  }),
  '04002': p({
    weight: 4,
    places: { compound: 5 },
    season: 'winter',
    sources: { resident: 1.5, forum: 2, questionnaire: 1.5 },
    rebound: 0.12,
    escalateTo: 'BM10',
    templates: ['{addr}楼上飞线充电，电线垂至地面', '{addr}居民从窗户拉线给电动车充电', '{addr}楼道内电动车充电，存在火灾隐患'],
  }),
  '04003': p({
    weight: 1.5,
    places: { compound: 2, storefront: 1 },
    season: 'flat',
    sources: { inspection: 1.3 },
    rebound: 0.04,
    templates: ['{addr}楼道灭火器缺失', '{addr}灭火器压力不足已过期', '{addr}消火栓箱内器材缺失'],
  }),
  '04004': p({
    weight: 1.5,
    places: { compound: 2, back_street: 1, storefront: 1 },
    season: 'winter',
    rebound: 0.08,
    templates: ['{addr}私拉乱接电线', '{addr}{spot}电线私拉至树上，存在触电隐患'],
  }),
  '04005': p({
    weight: 0.8,
    places: { storefront: 2, compound: 1 },
    season: 'winter',
    rebound: 0.03,
    templates: ['{addr}餐饮店液化气瓶违规存放', '{addr}燃气软管老化，有异味'],
  }),
  '04006': p({
    weight: 0.8,
    places: { compound: 2, main_road: 1 },
    season: 'rain',
    rebound: 0.03,
    escalateTo: 'BM11',
    templates: ['{addr}外墙瓷砖松动，存在坠落隐患', '{addr}阳台花盆摆放在外，存在高空坠物隐患'],
  }),
  '05001': p({
    weight: 3,
    places: { lamp: 5 },
    season: 'winter',
    sources: { hotline: 1.6, resident: 1.3 },
    rebound: 0.08,
    evening: true,
    templates: ['{addr}路灯不亮', '{addr}{spot}路灯夜间不亮，行人不便', '{addr}连续{n}盏路灯不亮'],
  }),
  '05002': p({
    weight: 1.5,
    places: { main_road: 2, back_street: 2 },
    season: 'flat',
    rebound: 0.04,
    templates: ['{addr}{spot}井盖缺失，已临时围挡', '{addr}井盖破损下沉', '{addr}雨水篦子缺失'],
  }),
  '05003': p({
    weight: 3.5,
    places: { compound: 3, back_street: 2 },
    season: 'rain',
    sources: { resident: 1.5, hotline: 1.5 },
    rebound: 0.1,
    departmentAt: { back_street: 'BM05', main_road: 'BM14' },
    templates: ['{addr}下水道堵塞，污水外溢', '{addr}化粪池满溢，气味难闻', '{addr}{spot}雨后积水，排水不畅'],
  }),
  '05004': p({
    weight: 2.5,
    places: { back_street: 2, main_road: 1 },
    season: 'rain',
    rebound: 0.05,
    escalateTo: 'BM11',
    templates: ['{addr}路面坑洼破损', '{addr}{spot}人行道板松动翘起', '{addr}道路塌陷约{n}平方米'],
  }),
  '05005': p({
    weight: 1,
    places: { main_road: 1 },
    season: 'flat',
    rebound: 0.03,
    templates: ['{addr}隔离护栏被撞倒伏', '{addr}{spot}护栏缺失'],
  }),
  '05006': p({
    weight: 1.5,
    places: { main_road: 2, storefront: 1 },
    season: 'flat',
    sources: { evaluation: 1.8 },
    rebound: 0.06,
    templates: ['{addr}盲道被车辆占用', '{addr}{spot}盲道破损中断'],
  }),
  '06001': p({
    weight: 4,
    places: { compound: 4 },
    season: 'summer',
    sources: { resident: 1.6, hotline: 1.4, questionnaire: 1.5 },
    rebound: 0.12,
    templates: ['{addr}垃圾清运不及时，垃圾桶满溢', '{addr}垃圾中转点{n}天未清运', '{addr}生活垃圾过夜未清运'],
  }),
  '06002': p({
    weight: 4,
    places: { compound: 5 },
    season: 'flat',
    sources: { forum: 1.5, questionnaire: 2 },
    rebound: 0.12,
    templates: ['{addr}楼道堆放杂物', '{addr}楼道内堆放纸箱和旧家具', '{addr}{spot}公共部位堆物，影响通行'],
  }),
  '06003': p({
    weight: 1.5,
    places: { compound: 3, back_street: 1 },
    season: 'flat',
    sources: { hotline: 1.3 },
    rebound: 0.06,
    escalateTo: 'BM11',
    templates: ['{addr}一楼住户违章搭建', '{addr}屋顶违章加盖约{n}0平方米', '{addr}{spot}私自圈占公共绿地搭建'],
  }),
  '06004': p({
    weight: 2,
    places: { compound: 3 },
    season: 'rain',
    sources: { questionnaire: 2, forum: 2 },
    rebound: 0.04,
    templates: ['{addr}小区道路破损坑洼', '{addr}{spot}路面积水，居民出行不便'],
  }),
  '06005': p({
    weight: 2,
    places: { compound: 3 },
    season: 'winter',
    sources: { questionnaire: 1.5, resident: 1.3 },
    rebound: 0.06,
    templates: ['{addr}楼道灯不亮', '{addr}{n}单元声控灯损坏'],
  }),
  '06006': p({
    weight: 1,
    places: { compound: 2 },
    season: 'spring',
    rebound: 0.1,
    templates: ['{addr}居民毁绿种菜', '{addr}{spot}公共绿地被圈占种菜'],
  }),
  '99001': p({
    weight: 2.5,
    places: { storefront: 1, compound: 1, main_road: 1 },
    season: 'summer',
    sources: { hotline: 2 },
    rebound: 0.1,
    evening: true,
    templates: ['{addr}商户音响噪声扰民', '{addr}{when}广场舞音响声音过大', '{addr}夜间施工噪声扰民'],
  }),
  '99002': p({
    weight: 1,
    places: { compound: 2 },
    season: 'flat',
    sources: { hotline: 1.5 },
    rebound: 0.06,
    templates: ['{addr}遛狗不牵绳', '{addr}楼道内犬只粪便未清理'],
  }),
  '99099': p({
    weight: 1,
    places: { anywhere: 1 },
    season: 'flat',
    rebound: 0.02,
    templates: ['{addr}群众反映其他问题，需现场核实', '{addr}{spot}存在不文明现象'],
  }),
};

/** Seasonal factor of a month (1–12). */
export function seasonFactor(season: Season, month: number): number {
  switch (season) {
    case 'summer':
      return wave(month, 7, 0.35);
    case 'winter':
      return wave(month, 1, 0.3);
    case 'spring':
      return wave(month, 4, 0.25);
    case 'rain':
      return 1 + 0.7 * Math.exp(-((month - 6.8) ** 2) / 1.5); // 梅雨 June–July, typhoons into August
    case 'flat':
      return 1;
  }
}

function wave(month: number, peak: number, amplitude: number): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (month - peak)) / 12);
}

export const SPOTS = ['门前', '东侧', '西侧', '南侧', '北侧', '路口', '人行道上', '拐角处', '附近'];
export const WHENS = ['早高峰', '晚高峰', '夜间', '午间', '周末', '每天傍晚'];
