import { describe, expect, it } from 'vitest';
import { distanceLabel, figureFileName, figureLayout, figureZoom, metresPerPixel, scaleBar, FIGURE_SCALES } from './figure-layout';

describe('the exported figure', () => {
  for (const scale of FIGURE_SCALES) {
    it(`is 1280×720 × ${scale} with the map drawn at the same scale`, () => {
      const f = figureLayout(scale, { titleBand: true });
      expect([f.width, f.height]).toEqual([1280 * scale, 720 * scale]);
      // Map: below the 64-unit title band, above the 30-unit footer → 626 units tall.
      expect(f.map).toEqual({ x: 0, y: 64 * scale, width: 1280 * scale, height: 626 * scale });
      expect(f.mapCss).toEqual({ width: 1280, height: 626 });
      expect(f.footer.y + f.footer.height).toBe(f.height);
      expect(f.northArrow.x + f.northArrow.width).toBeLessThanOrEqual(f.map.width);
    });
  }

  it('gives a slide image the whole height but the footer', () => {
    const f = figureLayout(2, { titleBand: false });
    expect(f.title).toBeNull();
    expect(f.map).toEqual({ x: 0, y: 0, width: 2560, height: 1380 });
  });

  it('measures metres per pixel like MapLibre (512-pixel world)', () => {
    // At the equator, zoom 0: 40,075,016.686 m / 512 px = 78,271.52 m/px.
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 2);
    // At 60° the cosine halves it; each zoom level halves it again.
    expect(metresPerPixel(60, 1)).toBeCloseTo(78_271.517 / 4, 2);
  });

  it('picks the longest round scale bar that fits', () => {
    // 3.2 m/px × 160 px = 512 m → 500 m, 156.25 px.
    expect(scaleBar(3.2, 160)).toEqual({ metres: 500, width: 156.25 });
    // 0.9 m/px × 160 = 144 m → 100 m, 111.1 px.
    expect(scaleBar(0.9, 160).metres).toBe(100);
    // 15 m/px × 160 = 2400 m → 2 km.
    expect(scaleBar(15, 160)).toEqual({ metres: 2000, width: 2000 / 15 });
    expect(distanceLabel(2000)).toBe('2 km');
    expect(distanceLabel(500)).toBe('500 m');
    expect(distanceLabel(2500)).toBe('2.5 km');
  });

  it("frames the live map's extent in the figure's map area", () => {
    // Live 1520×1020 at z14.6 into 1280×626: the height ratio 626/1020 is tighter → zoom − 0.7044.
    expect(figureZoom(14.6, { width: 1520, height: 1020 }, { width: 1280, height: 626 })).toBeCloseTo(14.6 + Math.log2(626 / 1020), 10);
  });

  it('names the file after its title and scale, without characters file systems refuse', () => {
    expect(figureFileName('问题热力 11/20: <全街道>', 4)).toBe('问题热力 11_20_ _全街道_-4x.png');
    expect(figureFileName('  ', 1)).toBe('map-1x.png');
  });
});
