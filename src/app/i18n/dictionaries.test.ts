import { describe, expect, it } from 'vitest';
import {
  LAMP_STATUSES,
  LAMP_TYPES,
  PROBLEM_NATURES,
  PROBLEM_STATUSES,
  PROJECT_STATUSES,
  PROPERTY_MANAGEMENT,
} from '../../contract';
import { en } from './en';
import { UI_KEYS } from './keys';
import { placeholdersOf, translate } from './translate';
import { zhCN } from './zh-CN';

/** English drops Chinese measure words (件, 个, 盏…): those are the only keys allowed to be empty. */
const MAY_BE_EMPTY_IN_EN = new Set(['unit.problems', 'unit.compounds', 'unit.lamps', 'unit.buildings', 'unit.merchants']);

describe('the zh-CN and en dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('cover every UI key', () => {
    for (const key of UI_KEYS) {
      expect(zhCN, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
    }
  });

  it('leave no text empty (except English measure words)', () => {
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), `zh-CN ${key}`).not.toBe('');
    for (const [key, text] of Object.entries(en)) if (!MAY_BE_EMPTY_IN_EN.has(key)) expect(text.trim(), `en ${key}`).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholdersOf(en[key]), key).toEqual(placeholdersOf(zhCN[key]));
    }
  });

  it('name the case lifecycle as the 数字城管 standard does', () => {
    expect(PROBLEM_STATUSES.map((s) => zhCN[`problemStatus.${s}`])).toEqual(['受理', '立案', '派遣', '处置', '核查', '结案']);
  });

  it('give every contract enum value a Chinese label', () => {
    expect(PROBLEM_NATURES.map((n) => zhCN[`nature.${n}`])).toEqual(['突出问题', '顽固问题', '反弹问题']);
    expect(PROPERTY_MANAGEMENT.map((p) => zhCN[`pm.${p}`])).toEqual(['无物业', '简易物业', '专业物业']);
    expect(PROJECT_STATUSES.map((s) => zhCN[`compoundStatus.${s}`])).toEqual(['计划', '已批复', '施工中', '已完工', '已验收']);
    expect(LAMP_TYPES.map((t) => zhCN[`lampType.${t}`])).toEqual(['市电', '太阳能']);
    expect(LAMP_STATUSES.map((s) => zhCN[`lampStatus.${s}`])).toEqual(['正常', '故障', '已拆除']);
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate(zhCN, 'app.asOf', { time: '2026/11/20 17:00' })).toBe('数据截至 2026/11/20 17:00');
    expect(translate(en, 'figure.lampsWorkingOf', { working: 1900, installed: 2000 })).toBe('1900 working of 2000');
  });

  it('leaves a placeholder without a value visible instead of printing "undefined"', () => {
    expect(translate(en, 'app.asOf')).toBe('Data as of {time}');
  });
});
