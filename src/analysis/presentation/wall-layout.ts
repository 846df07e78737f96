/**
 * The wall screen's design canvas: everything is laid out in design units on a 1920×1080 canvas,
 * and one unit is `min(width / 1920, height / 1080)` screen pixels, so panels and type grow with
 * the screen while the map canvas keeps the screen's own pixels (never a CSS-scaled bitmap).
 * A wider screen (a 7680×2160 LED wall) gives its extra width to the map, a taller one its extra
 * height to the panels. Pure: tested in Node at the four screen sizes the issue names.
 */
export const WALL_DESIGN = {
  /** The design canvas, in units. */
  width: 1920,
  height: 1080,
  /** Header band with the name, the clock and the data time. */
  headerHeight: 76,
  /** KPI column (left) and lists column (right). */
  leftWidth: 450,
  rightWidth: 450,
  /** Gap between the screen edge, the panels and the map's free area. */
  gap: 16,
  /** Bottom band with the tour's progress and the map attribution. */
  footerHeight: 34,
} as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WallLayout {
  /** Screen pixels per design unit. */
  unit: number;
  header: Rect;
  left: Rect;
  right: Rect;
  footer: Rect;
  /** The map's free area between the panels, as MapLibre camera padding in pixels. */
  mapPadding: { top: number; right: number; bottom: number; left: number };
  /**
   * Added to a tour camera's zoom (cameras are written for the 1920×1080 design), so a bigger
   * screen shows the same extent in more pixels, not more of the city.
   */
  zoomOffset: number;
}

export function wallUnit(width: number, height: number): number {
  return Math.min(width / WALL_DESIGN.width, height / WALL_DESIGN.height);
}

export function wallLayout(width: number, height: number): WallLayout {
  const u = wallUnit(width, height);
  const d = WALL_DESIGN;
  const px = (units: number) => Math.round(units * u);
  const header: Rect = { x: 0, y: 0, width, height: px(d.headerHeight) };
  const footer: Rect = { x: 0, y: height - px(d.footerHeight), width, height: px(d.footerHeight) };
  const top = header.height + px(d.gap);
  const panelHeight = footer.y - px(d.gap) - top;
  const left: Rect = { x: px(d.gap), y: top, width: px(d.leftWidth), height: panelHeight };
  const right: Rect = { x: width - px(d.gap) - px(d.rightWidth), y: top, width: px(d.rightWidth), height: panelHeight };
  return {
    unit: u,
    header,
    left,
    right,
    footer,
    mapPadding: {
      top: top + px(d.gap),
      bottom: height - footer.y + px(d.gap),
      left: left.x + left.width + px(d.gap),
      right: width - right.x + px(d.gap),
    },
    zoomOffset: u > 0 ? Math.log2(u) : 0,
  };
}

/** CSS custom properties for a layout: the unit and every band, in pixels. */
export function wallCssVariables(layout: WallLayout): Record<string, string> {
  return {
    '--u': `${layout.unit}px`,
    '--wall-header-h': `${layout.header.height}px`,
    '--wall-footer-h': `${layout.footer.height}px`,
    '--wall-left-x': `${layout.left.x}px`,
    '--wall-left-w': `${layout.left.width}px`,
    '--wall-right-w': `${layout.right.width}px`,
    '--wall-panel-top': `${layout.left.y}px`,
    '--wall-panel-h': `${layout.left.height}px`,
    '--wall-map-left': `${layout.mapPadding.left}px`,
    '--wall-map-right': `${layout.mapPadding.right}px`,
  };
}

/**
 * How an auto-scrolling list moves: only when its rows do not fit, at a steady reading pace
 * (`secondsPerRow`), and with the rows shown twice so the loop has no seam.
 */
export function scrollPlan(rowCount: number, rowHeight: number, viewportHeight: number, secondsPerRow = 3): { scrolls: boolean; durationSeconds: number } {
  const scrolls = rowCount > 0 && rowHeight > 0 && rowCount * rowHeight > viewportHeight;
  return { scrolls, durationSeconds: scrolls ? rowCount * secondsPerRow : 0 };
}
