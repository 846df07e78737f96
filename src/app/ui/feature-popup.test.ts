import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import type { Lang } from '../i18n/language';
import { translator } from '../i18n/translate';
import { zhCN } from '../i18n/zh-CN';
import { sampleManifest } from '../test-fixtures/manifest';
import { describeFeature, lookupsFromManifest, type PopupContent } from './feature-popup';

const ctx = (lang: Lang = 'zh-CN') => ({
  t: translator(lang === 'en' ? en : zhCN),
  lang,
  lookups: lookupsFromManifest(sampleManifest()),
});

function row(content: PopupContent | null, label: string) {
  const r = content?.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row "${label}" in ${JSON.stringify(content)}`);
  return r;
}

const PROBLEM = {
  id: 'P2026-0042',
  cat: '04002',
  major: '04',
  status: 'disposing',
  nature: 'rebound',
  dept: 'D02',
  reported: Date.UTC(2026, 10, 18, 1, 30) / 1000, // 09:30 Beijing
  deadline: Date.UTC(2026, 10, 19, 1, 30) / 1000,
  overdue: 1,
  severity: 3,
  grid: '320102099001003',
  desc: '楼道内飞线充电',
};

describe('describeFeature: problems', () => {
  it('resolves the category and department codes to names from the manifest', () => {
    const c = describeFeature('problems-points', PROBLEM, ctx());
    expect(c?.heading).toBe('问题');
    expect(c?.title).toBe('P2026-0042');
    expect(row(c, '问题类别').value).toBe('安全隐患 › 飞线充电（04002）');
    expect(row(c, '责任部门').value).toBe('安全办（D02）');
  });

  it('labels status and nature in Chinese', () => {
    const c = describeFeature('problems-points', PROBLEM, ctx());
    expect(row(c, '办理状态').value).toBe('处置');
    expect(row(c, '问题性质').value).toBe('反弹问题');
    expect(row(c, '严重程度').value).toBe('3（严重）');
  });

  it('formats times in Beijing time', () => {
    const c = describeFeature('problems-points', PROBLEM, ctx());
    expect(row(c, '上报时间').value).toBe('2026/11/18 09:30');
  });

  it('marks an overdue problem’s deadline in red', () => {
    const c = describeFeature('problems-points', PROBLEM, ctx());
    expect(row(c, '办结时限').alert).toBe(true);
    expect(row(c, '是否超期')).toEqual({ label: '是否超期', value: '已超期', alert: true });
  });

  it('keeps a hostile description as plain characters', () => {
    const desc = '<img src=x onerror=alert(1)>';
    const c = describeFeature('problems-points', { ...PROBLEM, desc }, ctx());
    expect(row(c, '问题描述').value).toBe(desc);
  });

  it('shows unknown codes as they are, rather than hiding them', () => {
    const c = describeFeature('problems-points', { ...PROBLEM, cat: '88001', dept: 'X9', status: 'frozen' }, ctx());
    expect(row(c, '问题类别').value).toBe('88001');
    expect(row(c, '责任部门').value).toBe('X9');
    expect(row(c, '办理状态').value).toBe('frozen');
  });

  it('speaks English when asked', () => {
    const c = describeFeature('problems-points', PROBLEM, ctx('en'));
    expect(row(c, 'Status').value).toBe('Disposing');
    expect(row(c, 'Reported').value).toBe('18 Nov 2026, 09:30');
    expect(row(c, 'Department').value).toBe('安全办 (D02)');
    expect(row(c, 'Severity').value).toBe('3 (severe)');
  });
});

describe('describeFeature: other layers', () => {
  it('flags an old compound that no project has reached', () => {
    const c = describeFeature(
      'compound-fill',
      { id: 'C001', name: '梧桐新村', built_year: 1992, households: 420, buildings: 12, pm: 'none', old: true, status: 'none', projects: '', grid: 'G' },
      ctx(),
    );
    expect(c?.title).toBe('梧桐新村');
    expect(row(c, '改造状态')).toEqual({ label: '改造状态', value: '未纳入改造', alert: true });
    expect(row(c, '物业类型').value).toBe('无物业');
    expect(row(c, '户数').value).toBe('420户');
  });

  it('lists a compound’s projects', () => {
    const c = describeFeature('compound-fill', { name: 'x', old: true, status: 'under_construction', projects: 'R1;R2' }, ctx());
    expect(row(c, '改造项目').value).toBe('R1、R2');
    expect(row(c, '改造状态').value).toBe('施工中');
    expect(row(c, '改造状态').alert).toBeUndefined();
  });

  it('describes a lamp, flagging a faulty one', () => {
    const c = describeFeature('lamps', { id: 'L0007', type: 'solar', status: 'faulty', power_w: 60, road: '白马一巷', install_year: 2021, group: 'A' }, ctx());
    expect(row(c, '供电方式').value).toBe('太阳能');
    expect(row(c, '状态')).toEqual({ label: '状态', value: '故障', alert: true });
    expect(row(c, '功率').value).toBe('60瓦');
  });

  it('describes a level-4 grid with its community name and coverage as a percentage', () => {
    const c = describeFeature(
      'grid-choropleth',
      { code: '320102099001003', name: '第三网格', level: 'l4', chief: '张三', households: 310, merchants: 12, open_problems: 4, problems_per_100hh: 1.29, renovation_coverage: 0.5 },
      ctx(),
    );
    expect(c?.title).toBe('第三网格');
    expect(row(c, '所属社区').value).toBe('梧桐社区（320102099001）');
    expect(row(c, '网格长').value).toBe('张三');
    expect(row(c, '改造覆盖率').value).toBe('50.0%');
  });

  it('describes road works', () => {
    const c = describeFeature('road-works', { id: 'RW1', name: '白马一巷改造', year: 2026, status: 'completed', budget_wan: 120.5 }, ctx());
    expect(c?.title).toBe('白马一巷改造');
    expect(row(c, '改造状态').value).toBe('已完工');
    expect(row(c, '投资').value).toBe('120.5万元');
    expect(row(c, '长度').value).toBe('—');
  });

  it('shows a dash for every missing field instead of "undefined"', () => {
    const c = describeFeature('lamps', {}, ctx());
    expect(c?.rows.every((r) => r.value === '—')).toBe(true);
  });

  it('has no popup for a basemap layer', () => {
    expect(describeFeature('basemap-roads', { name: 'x' }, ctx())).toBeNull();
  });
});
