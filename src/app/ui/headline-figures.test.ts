import { describe, expect, it } from 'vitest';
import { sampleManifest } from '../test-fixtures/manifest';
import { headlineView } from './headline-figures';

describe('headlineView', () => {
  it('computes 亮灯率 as working over installed', () => {
    expect(headlineView(sampleManifest().headline).lightingRate).toBeCloseTo(0.95);
  });

  it('gives renovation shares of the old compounds', () => {
    const v = headlineView(sampleManifest().headline);
    expect(v.renovatedShare).toBeCloseTo(8 / 88);
    expect(v.underWayShare).toBeCloseTo(28 / 88);
  });

  it('has no rate, rather than NaN, for a sub-district without lamps or old compounds', () => {
    const h = { ...sampleManifest().headline, lampsInstalled: 0, lampsWorking: 0, compoundsOld: 0 };
    const v = headlineView(h);
    expect(v.lightingRate).toBeNull();
    expect(v.renovatedShare).toBeNull();
    expect(v.underWayShare).toBeNull();
  });

  it('never lets the progress bar pass 100%', () => {
    const h = { ...sampleManifest().headline, compoundsOld: 10, compoundsRenovated: 8, compoundsUnderWay: 5 };
    const v = headlineView(h);
    expect((v.renovatedShare ?? 0) + (v.underWayShare ?? 0)).toBeCloseTo(1);
  });
});
