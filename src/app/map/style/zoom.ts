/**
 * Zoom levels at which things appear, in one place. The demo sub-district (a few km²) fills a
 * 1920×1080 wall screen at about z14.5, so detail that would clutter that view starts above it.
 */
export const ZOOM = {
  /** Buildings: footprints read from z14. */
  buildings: 14,
  roadLabels: 14,
  /** Level-5 micro-grids are small; their outlines would be noise further out. */
  gridL5: 15,
  gridLabelsL4: 14,
  gridLabelsL5: 16.5,
  lamps: 13,
  /**
   * Single problem points from street zoom; the heat map fades out over the same range. Above the
   * wall screen's overview (≈ z14.6), so a leader sees hot areas, not a spray of dots.
   */
  problemPoints: 15.5,
  heatFadeStart: 15.5,
  heatFadeEnd: 17.5,
} as const;
