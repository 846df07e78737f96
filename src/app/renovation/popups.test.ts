import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { translator } from '../i18n/translate';
import { zhCN } from '../i18n/zh-CN';
import { sitePopup, workPopup, workStatusAt } from './popups';

const zh = translator(zhCN);

describe('popups of works and sites', () => {
  const road = { name: '青石街背街小巷整治工程', year: 2021, started: 1_600_000_000, completed: 1_620_000_000, length_m: 447, budget_wan: 64.1 };

  it('gives the status of a work at the chosen month', () => {
    expect(workStatusAt(road, 1_590_000_000_000)).toBe('planned');
    expect(workStatusAt(road, 1_610_000_000_000)).toBe('under_construction');
    expect(workStatusAt(road, 1_620_000_000_000)).toBe('completed');
  });

  it('lists a road work with its length, dates and budget', () => {
    const c = workPopup('road', road, 1_610_000_000_000, zh, 'zh-CN');
    expect(c.title).toBe(road.name);
    expect(c.rows.map((r) => r.value)).toEqual(['447 米', '2021', '施工中', '2020/09/13', '2021/05/03', '64.1 万元']);
  });

  it('names the kind of a public-space work, and shows an unknown one as given', () => {
    const c = workPopup('publicSpace', { name: 'x', kind: 'pocket_park', area_m2: 1234 }, 0, translator(en), 'en');
    expect(c.rows[0]!.value).toBe('Pocket park');
    expect(c.rows[1]!.value).toBe('1,234 m²');
    expect(workPopup('publicSpace', { kind: 'lake' }, 0, zh, 'zh-CN').rows[0]!.value).toBe('lake');
  });

  it('shows a missing value as a dash, never "undefined"', () => {
    const c = sitePopup({}, zh, 'zh-CN');
    expect(c.title).toBe('—');
    expect(c.rows.every((r) => r.value === '—')).toBe(true);
  });
});
