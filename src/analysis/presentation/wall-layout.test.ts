import { describe, expect, it } from 'vitest';
import { scrollPlan, wallLayout, wallUnit, type Rect } from './wall-layout';

/** The four screens of the issue: HD, 4K, a 7680×2160 LED wall, an old laptop projector. */
const SCREENS = [
  [1920, 1080],
  [3840, 2160],
  [7680, 2160],
  [1366, 768],
] as const;

const inside = (r: Rect, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the wall design canvas', () => {
  it('is 1 pixel per unit on an HD screen, 2 on 4K and on the 7680×2160 wall, 0.71 on 1366×768', () => {
    expect(wallUnit(1920, 1080)).toBe(1);
    expect(wallUnit(3840, 2160)).toBe(2);
    // 7680 / 1920 = 4 but 2160 / 1080 = 2: height decides; the extra width goes to the map.
    expect(wallUnit(7680, 2160)).toBe(2);
    expect(wallUnit(1366, 768)).toBeCloseTo(0.7111, 4);
  });

  for (const [w, h] of SCREENS) {
    it(`keeps every band inside a ${w}×${h} screen, apart, with room for the map`, () => {
      const l = wallLayout(w, h);
      for (const r of [l.header, l.left, l.right, l.footer]) expect(inside(r, w, h), JSON.stringify(r)).toBe(true);
      expect(overlap(l.left, l.right)).toBe(false);
      expect(overlap(l.header, l.left) || overlap(l.footer, l.left) || overlap(l.header, l.right)).toBe(false);
      // The map's free area between the panels is at least a third of the width and half the height.
      expect(w - l.mapPadding.left - l.mapPadding.right).toBeGreaterThanOrEqual(w / 3);
      expect(h - l.mapPadding.top - l.mapPadding.bottom).toBeGreaterThanOrEqual(h / 2);
      // Type of 18 units stays readable (≥ 12.8 px) on the smallest screen.
      expect(18 * l.unit).toBeGreaterThanOrEqual(12.8);
    });
  }

  it('zooms tour cameras in by one level on a screen of twice the unit', () => {
    expect(wallLayout(3840, 2160).zoomOffset).toBeCloseTo(1, 10);
    expect(wallLayout(1920, 1080).zoomOffset).toBe(0);
  });

  it('scrolls a list only when its rows overflow', () => {
    expect(scrollPlan(5, 40, 300)).toEqual({ scrolls: false, durationSeconds: 0 });
    expect(scrollPlan(10, 40, 300, 3)).toEqual({ scrolls: true, durationSeconds: 30 });
    expect(scrollPlan(0, 40, 300).scrolls).toBe(false);
  });
});
