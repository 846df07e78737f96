import { describe, expect, it } from 'vitest';
import type { LightingCellFigures } from '../../contract';
import { zhCN } from '../i18n/zh-CN';
import { translate } from '../i18n/translate';
import { darkSegmentPopup, gridLightingPopup } from './popups';

const ctx = { t: (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(zhCN, k, p), lang: 'zh-CN' as const, gridNames: new Map([['320102099001001', '梧桐社区第一网格']]) };

describe('lighting popups', () => {
  it('describes a dark stretch: road, class, length, grid, and keeps markup as text', () => {
    const c = darkSegmentPopup({ name: '<img src=x onerror=alert(1)>', class: 'back_street', length_m: 37.4, grid: '320102099001001' }, ctx);
    expect(c.title).toBe('<img src=x onerror=alert(1)>');
    expect(c.rows.map((r) => [r.label, r.value])).toEqual([
      ['道路等级', '背街小巷'],
      ['长度', '37.4 米'],
      ['所属网格', '梧桐社区第一网格 320102099001001'],
    ]);
  });

  it('shows a dash for what a tile does not carry', () => {
    const c = darkSegmentPopup({}, ctx);
    expect(c.title).toBe('—');
    expect(c.rows.map((r) => r.value)).toEqual(['—', '—', '—']);
  });

  it("describes a grid's lighting, alarming below 90 %", () => {
    const cell: LightingCellFigures = {
      code: '320102099001001',
      level: 'l4',
      name: '梧桐社区第一网格',
      lampsRegistered: 12,
      lampsInstalled: 10,
      lampsWorking: 8,
      lampsFaulty: 2,
      lampsSolar: 1,
      lightingRate: 0.8,
      intactRate: 0.6667,
      lampsPerKm: 25,
      roadM: { main: 0, secondary: 0, branch: 200, back_street: 200 },
      darkM: { main: 0, secondary: 0, branch: 0, back_street: 40 },
    };
    const c = gridLightingPopup(cell, ctx);
    expect(c.rows[0]).toMatchObject({ value: '80.0%（8/10）', alert: true });
    expect(c.rows[3]).toMatchObject({ value: '40 米（10.0%）', alert: true });
    expect(c.rows[4]!.value).toBe('40 米');
  });
});
