/**
 * The exported map figure (PNG, and the image on a PPTX slide): a 16:9 page of 1280×720 design
 * pixels — title band, map, footer with date and attribution; legend, scale bar and north arrow
 * over the map — rendered at 1×, 2× or 4× that size. The map itself is drawn by MapLibre at the
 * target pixel size (pixelRatio = scale), never scaled up from a screenshot. Pure: tested in Node.
 */
import type { Rect } from './wall-layout';
import { zoomForSameExtent, type Size } from './view';

export const FIGURE_SCALES = [1, 2, 4] as const;
export type FigureScale = (typeof FIGURE_SCALES)[number];

export const FIGURE_DESIGN = {
  /** The page at 1×: 16:9, the shape of a slide and a projector. */
  width: 1280,
  height: 720,
  /** Title band above the map (none on a slide, which has its own title). */
  titleHeight: 64,
  /** Footer band: data date on the left, attribution on the right. */
  footerHeight: 30,
  /** Inset of the legend, scale bar and north arrow from the map's edges. */
  inset: 16,
  /** The scale bar is at most this long. */
  scaleBarMaxWidth: 160,
  northArrowSize: 46,
  /** Type sizes. */
  titleFont: 28,
  subtitleFont: 15,
  footerFont: 12,
  legendFont: 13,
} as const;

export interface FigureLayout {
  scale: number;
  /** Page size in output pixels. */
  width: number;
  height: number;
  title: Rect | null;
  /** Map area in output pixels; the map is rendered with a CSS size of `mapCss` at pixelRatio `scale`. */
  map: Rect;
  mapCss: Size;
  footer: Rect;
  northArrow: Rect;
  /** Bottom-left corner the legend box grows up from. */
  legendOrigin: { x: number; y: number };
  /** Bottom-right corner the scale bar grows left from. */
  scaleBarOrigin: { x: number; y: number };
}

export function figureLayout(scale: number, options: { titleBand: boolean }): FigureLayout {
  const d = FIGURE_DESIGN;
  const s = (v: number) => Math.round(v * scale);
  const titleH = options.titleBand ? d.titleHeight : 0;
  const mapCss: Size = { width: d.width, height: d.height - titleH - d.footerHeight };
  const map: Rect = { x: 0, y: s(titleH), width: s(mapCss.width), height: s(mapCss.height) };
  return {
    scale,
    width: s(d.width),
    height: s(d.height),
    title: options.titleBand ? { x: 0, y: 0, width: s(d.width), height: s(titleH) } : null,
    map,
    mapCss,
    footer: { x: 0, y: map.y + map.height, width: s(d.width), height: s(d.height) - (map.y + map.height) },
    northArrow: { x: map.x + map.width - s(d.inset + d.northArrowSize), y: map.y + s(d.inset), width: s(d.northArrowSize), height: s(d.northArrowSize) },
    legendOrigin: { x: map.x + s(d.inset), y: map.y + map.height - s(d.inset) },
    scaleBarOrigin: { x: map.x + map.width - s(d.inset), y: map.y + map.height - s(d.inset) },
  };
}

/** Earth's equatorial circumference in metres (WGS-84), as MapLibre uses it. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Metres per CSS pixel at a latitude and zoom (MapLibre's 512-pixel world at zoom 0). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * The longest round distance (1, 2 or 5 × 10ⁿ metres) whose bar fits in `maxWidth` pixels, and
 * the bar's length in pixels. E.g. 3.2 m/px and 160 px: 512 m would fit, so 500 m, 156.25 px.
 */
export function scaleBar(metresPerPx: number, maxWidth: number): { metres: number; width: number } {
  const maxMetres = metresPerPx * maxWidth;
  const magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  const step = [5, 2, 1].find((m) => m * magnitude <= maxMetres) ?? 1;
  const metres = step * magnitude;
  return { metres, width: metres / metresPerPx };
}

/** "500 m", "1 km", "2.5 km" (the figure's scale-bar label; same in Chinese and English). */
export function distanceLabel(metres: number): string {
  return metres >= 1000 ? `${Number((metres / 1000).toPrecision(3))} km` : `${Number(metres.toPrecision(3))} m`;
}

/** The figure's map zoom that shows the extent the live map shows (`liveZoom` on a `liveSize` map). */
export function figureZoom(liveZoom: number, liveSize: Size, figureMap: Size): number {
  return zoomForSameExtent(liveZoom, liveSize, figureMap);
}

/** What a figure's PNG is called: title and scale, with characters file systems refuse replaced. */
export function figureFileName(title: string, scale: number, extension = 'png'): string {
  const safe = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim().slice(0, 60) || 'map';
  return `${safe}-${scale}x.${extension}`;
}
