import { describe, expect, it } from 'vitest';
import { choroplethClasses } from '../map/style/choropleth';
import { PROBLEM_MAJOR_COLORS } from '../map/palette';
import { sampleManifest } from '../test-fixtures/manifest';
import { legendClasses, majorCategoryEntries } from './legend-labels';

describe('legendClasses', () => {
  it('labels whole-number classes from one past the previous break', () => {
    const labels = legendClasses('open_problems', choroplethClasses('open_problems', [0, 2, 4, 7, 15]), 'zh-CN').map((c) => c.label);
    expect(labels).toEqual(['≤ 0', '1–2', '3–4', '5–7', '8–15']);
  });

  it('labels coverage in percent', () => {
    const labels = legendClasses('renovation_coverage', choroplethClasses('renovation_coverage', [0.1, 0.3, 1]), 'en').map((c) => c.label);
    expect(labels).toEqual(['≤ 10%', '10%–30%', '30%–100%']);
  });

  it('drops empty classes, keeping the colour the map uses for each shown class', () => {
    const classes = choroplethClasses('open_problems', [0, 0, 1, 3, 10]);
    const shown = legendClasses('open_problems', classes, 'zh-CN');
    expect(shown.map((c) => c.label)).toEqual(['≤ 0', '1', '2–3', '4–10']);
    expect(shown[1]?.color).toBe(classes[2]?.color);
  });
});

describe('majorCategoryEntries', () => {
  it('lists each major class once, in code order, with its map colour', () => {
    const entries = majorCategoryEntries(sampleManifest().categories, PROBLEM_MAJOR_COLORS, '#000');
    expect(entries).toEqual([
      { code: '01', name: '市容环境', color: PROBLEM_MAJOR_COLORS['01'] },
      { code: '03', name: '街面秩序', color: PROBLEM_MAJOR_COLORS['03'] },
      { code: '04', name: '安全隐患', color: PROBLEM_MAJOR_COLORS['04'] },
    ]);
  });

  it('gives an office’s own major class the fallback colour', () => {
    expect(majorCategoryEntries([{ major_code: '80', major_name: '本地' }], PROBLEM_MAJOR_COLORS, '#123456')[0]?.color).toBe('#123456');
  });
});
