/**
 * Fictitious Chinese names for the demo: people (grid chiefs), communities, 片区 and residential
 * compounds. Person names follow the real frequency of common surnames, so a list of 350 grid
 * chiefs looks like a real one (many 王, 李, 张; a few 欧阳). No name is meant to be a real person.
 */
import type { Rng } from './random';

/** The most common surnames with rough relative frequencies (per mille of the population). */
const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 72], ['张', 69], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 24], ['赵', 22], ['吴', 21], ['周', 21],
  ['徐', 17], ['孙', 16], ['马', 15], ['朱', 15], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11], ['高', 11], ['罗', 11],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 7], ['韩', 7], ['邓', 7], ['冯', 7], ['曹', 7],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 6], ['董', 5], ['潘', 5], ['袁', 5], ['蔡', 5], ['蒋', 5], ['余', 5],
  ['于', 5], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['卢', 4],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3],
  ['石', 3], ['金', 3], ['贾', 3], ['夏', 3], ['韦', 2], ['方', 2], ['邹', 2], ['熊', 2], ['孟', 2], ['秦', 2],
  ['顾', 2], ['薛', 2], ['戴', 2], ['倪', 2], ['殷', 1], ['欧阳', 0.5], ['诸葛', 0.2], ['司马', 0.2],
];

const GIVEN_MALE = '伟强磊军勇杰涛斌明超辉刚平建国华峰鹏飞波宇浩然志文龙俊海东林晨旭阳斌成亮';
const GIVEN_FEMALE = '芳娟敏静丽艳娜燕玲婷霞红梅兰琳雪莉萍洁颖慧晶倩蓉琴佳欣悦春秀';
const GIVEN_SECOND = '建国文志永海晓春金立红玉小德明秀丽新宏卫国家';

/** Draws distinct person names; remembers what it has handed out. */
export class PersonNamer {
  private readonly used = new Set<string>();
  private readonly surnames = SURNAMES.map(([s]) => s);
  private readonly weights = SURNAMES.map(([, w]) => w);

  constructor(private readonly rng: Rng) {}

  next(): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const surname = this.rng.weighted(this.surnames, this.weights);
      const pool = this.rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE;
      const given = this.rng.chance(0.35)
        ? charAt(pool, this.rng)
        : (this.rng.chance(0.3) ? charAt(GIVEN_SECOND, this.rng) : charAt(pool, this.rng)) + charAt(pool, this.rng);
      const name = surname + given;
      if (given.length === 2 && given[0] === given[1] && !this.rng.chance(0.2)) continue; // 丽丽 is rarer than 丽华
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('PersonNamer: ran out of distinct names');
  }
}

function charAt(pool: string, rng: Rng): string {
  return pool[Math.floor(rng.next() * pool.length)] as string;
}

/** Community names on a tree theme, matching 梧桐街道; the first is the street's namesake. */
export const COMMUNITY_STEMS = ['梧桐', '银杏', '丹桂', '紫藤', '玉兰', '海棠', '香樟', '青枫', '合欢', '石榴', '木樨', '杏林'];

export function communityName(index: number): string {
  const stem = COMMUNITY_STEMS[index % COMMUNITY_STEMS.length] as string;
  return `${stem}社区`;
}

/** 片区 names by position: numbered areas read west to east. */
export function areaName(index: number, count: number): string {
  if (count === 2) return ['西片区', '东片区'][index] as string;
  if (count === 3) return ['西片区', '中片区', '东片区'][index] as string;
  return `第${chineseNumeral(index + 1)}片区`;
}

/** 1 → 一, 12 → 十二, 20 → 二十 (grid names say 第十二网格). */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n] as string;
  if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
  return String(n);
}

// Compound names by era: 1970s–80s work-unit housing and 新村, 1990s 小区/苑, 2000s+ 花园/华庭.
const OLD_STEMS = ['红旗', '向阳', '建设', '工人', '光华', '友谊', '和平', '东风', '朝阳', '前进', '胜利', '幸福', '团结', '长青', '文化', '新华', '跃进', '红星', '曙光', '育才'];
const WORK_UNITS = ['机床厂', '电子管厂', '无线电厂', '邮电局', '供电局', '纺织厂', '化工研究院', '汽车配件厂', '印染厂', '粮食局', '卫生局', '师范学校', '建材公司', '百货公司', '自来水公司', '钟表厂', '玻璃厂', '物资局', '水利厅', '农机公司'];
const MID_STEMS = ['金桂', '银杏', '翠竹', '紫荆', '丹枫', '松涛', '玉泉', '锦华', '安居', '康乐', '瑞祥', '华阳', '清风', '荷塘', '嘉和', '泰和', '怡景', '春晖', '秋实', '兰亭'];
const NEW_STEMS = ['御景', '金陵', '钟山', '凤栖', '凤凰', '锦绣', '天元', '紫金', '雅居', '君悦', '天悦', '龙湾', '澜庭', '东城', '万和', '星河', '云锦', '翠屏', '雅颂', '嘉园'];

export interface CompoundNameInput {
  builtYear: number;
  /** Real nearby road name, for 楼院-style names (e.g. 估衣廊12号院). */
  road: string;
  houseNumber: number;
  /** Buildings in the compound: one or two buildings make a 楼院, not a 小区. */
  buildings: number;
}

/** Draws distinct compound names; remembers what it has handed out. */
export class CompoundNamer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** A real name (from OSM) is kept as is, and reserved. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  next(input: CompoundNameInput): string {
    const r = this.rng;
    for (let attempt = 0; attempt < 200; attempt++) {
      let name: string;
      if (input.buildings <= 2 && input.road !== '无名路' && r.chance(0.7)) {
        name = `${input.road}${input.houseNumber}号${r.chance(0.5) ? '院' : '楼院'}`;
      } else if (input.builtYear < 1990) {
        name = r.chance(0.45) ? `${r.pick(WORK_UNITS)}宿舍` : `${r.pick(OLD_STEMS)}${r.pick(['新村', '新村', '一村', '二村', '里'])}`;
      } else if (input.builtYear < 2000) {
        name = `${r.pick(MID_STEMS)}${r.pick(['小区', '小区', '苑', '园', '新寓'])}`;
      } else {
        name = `${r.pick(NEW_STEMS)}${r.pick(['花园', '华庭', '公寓', '名苑', '雅苑', '府', '大厦'])}`;
      }
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    // Every stem taken: number the next one the way offices do (红旗新村二区).
    let n = 2;
    const base = input.builtYear < 2000 ? `${this.rng.pick(OLD_STEMS)}新村` : `${this.rng.pick(NEW_STEMS)}花园`;
    while (this.used.has(`${base}${chineseNumeral(n)}区`)) n++;
    const name = `${base}${chineseNumeral(n)}区`;
    this.used.add(name);
    return name;
  }
}
