/**
 * Renders the current view as a figure (PNG, or the image on a slide) at 1×, 2× or 4×. The map is
 * drawn again by a second, off-screen MapLibre map with the live map's style and camera and
 * `pixelRatio` = scale, so a 4× figure has four times the detail, not a screenshot blown up. The
 * title, legend, scale bar, north arrow, date and attribution are then drawn around it on a
 * canvas, as text on pixels (no markup anywhere, whatever a title holds).
 */
import { Map as MapLibreMap } from 'maplibre-gl';
import { distanceLabel, figureLayout, figureZoom, metresPerPixel, scaleBar, FIGURE_DESIGN, type FigureLayout } from '../../analysis/presentation/figure-layout';
import { maxCanvasSide } from '../map/canvas-limits';
import { cssFontFamily } from '../map/typography';
import type { LegendSection, Swatch } from './figure-legend';

export interface FigureText {
  /** Null on a slide, which has its own title. */
  title: string | null;
  subtitle: string;
  /** Footer, left: place, data date, date made. */
  dateLine: string;
  /** Footer, right. */
  attribution: string;
  /** The north arrow's letter (北 / N). */
  north: string;
}

/** The figure cannot be drawn at this size on this machine's graphics (its largest canvas is `max`). */
export class FigureTooLargeError extends Error {
  constructor(
    readonly max: number,
    readonly width: number,
    readonly height: number,
  ) {
    super(`the largest map this graphics card renders is ${max} pixels wide; ${width}×${height} was asked`);
    this.name = 'FigureTooLargeError';
  }
}

function waitForIdle(map: MapLibreMap, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the map did not finish drawing within ${timeoutMs / 1000} s`)), timeoutMs);
    map.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Draws the live map's view off screen at `layout`'s map size and pixel ratio; returns its canvas's pixels. */
async function renderMap(live: MapLibreMap, layout: FigureLayout): Promise<HTMLCanvasElement> {
  const max = maxCanvasSide();
  if (layout.map.width > max || layout.map.height > max) throw new FigureTooLargeError(max, layout.map.width, layout.map.height);
  const container = document.createElement('div');
  // Off screen but laid out: MapLibre sizes its canvas from the container's CSS box.
  Object.assign(container.style, { position: 'fixed', left: '-20000px', top: '0', width: `${layout.mapCss.width}px`, height: `${layout.mapCss.height}px` });
  container.setAttribute('aria-hidden', 'true');
  document.body.append(container);
  const liveBox = live.getContainer();
  const map = new MapLibreMap({
    container,
    style: live.getStyle(),
    center: live.getCenter(),
    zoom: figureZoom(live.getZoom(), { width: liveBox.clientWidth, height: liveBox.clientHeight }, layout.mapCss),
    bearing: live.getBearing(),
    pitch: live.getPitch(),
    pixelRatio: layout.scale,
    maxCanvasSize: [max, max],
    // The drawing buffer must survive until it is copied onto the figure.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    localIdeographFontFamily: cssFontFamily(),
    refreshExpiredTiles: false,
  });
  // Images a workspace added to the live map (patterns, icons) are not part of getStyle().
  map.on('styleimagemissing', (e: { id: string }) => {
    const image = (live as unknown as { style?: { getImage?: (id: string) => { data: { width: number; height: number; data: Uint8Array }; pixelRatio: number; sdf: boolean } | undefined } }).style?.getImage?.(e.id);
    if (image && !map.hasImage(e.id)) map.addImage(e.id, { width: image.data.width, height: image.data.height, data: image.data.data }, { pixelRatio: image.pixelRatio, sdf: image.sdf });
  });
  try {
    await waitForIdle(map, 120_000);
    const canvas = map.getCanvas();
    if (canvas.width !== layout.map.width || canvas.height !== layout.map.height) {
      // MapLibre lowered the pixel ratio to fit its canvas limit: refuse rather than deliver less.
      throw new FigureTooLargeError(max, layout.map.width, layout.map.height);
    }
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d')!.drawImage(canvas, 0, 0);
    return copy;
  } finally {
    map.remove();
    container.remove();
  }
}

const FONT = cssFontFamily();
const INK = '#1d2a36';
const MUTED = '#4a5560';

function font(ctx: CanvasRenderingContext2D, px: number, weight = 400): void {
  ctx.font = `${weight} ${px}px ${FONT}`;
}

/** Draws text shrunk (down to `minPx`) and then cut with "…" so it fits `maxWidth`. */
function fitText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth: number, px: number, minPx: number, weight = 400): void {
  let size = px;
  font(ctx, size, weight);
  while (ctx.measureText(text).width > maxWidth && size > minPx) {
    size = Math.max(minPx, size - 1);
    font(ctx, size, weight);
  }
  let shown = text;
  while (shown.length > 1 && ctx.measureText(shown).width > maxWidth) shown = `${shown.slice(0, -2)}…`;
  ctx.fillText(shown, x, y);
}

function drawSwatch(ctx: CanvasRenderingContext2D, swatch: Exclude<Swatch, { kind: 'classes' }>, x: number, y: number, w: number, h: number, s: number): void {
  ctx.save();
  switch (swatch.kind) {
    case 'fill':
      ctx.fillStyle = swatch.color;
      ctx.fillRect(x, y, w, h);
      ctx.strokeStyle = swatch.stroke ?? 'rgba(0,0,0,0.25)';
      ctx.lineWidth = (swatch.stroke ? 2 : 1) * s;
      if (swatch.dashed) ctx.setLineDash([3 * s, 2 * s]);
      ctx.strokeRect(x, y, w, h);
      break;
    case 'line':
      ctx.strokeStyle = swatch.color;
      ctx.lineWidth = swatch.width * s;
      ctx.beginPath();
      ctx.moveTo(x, y + h / 2);
      ctx.lineTo(x + w, y + h / 2);
      ctx.stroke();
      break;
    case 'dot': {
      const r = Math.min(w, h) / 2 - swatch.strokeWidth * s * 0.5;
      ctx.beginPath();
      ctx.arc(x + w / 2, y + h / 2, r, 0, Math.PI * 2);
      ctx.fillStyle = swatch.color;
      ctx.fill();
      ctx.lineWidth = swatch.strokeWidth * s;
      ctx.strokeStyle = swatch.stroke;
      ctx.stroke();
      break;
    }
    case 'ramp': {
      const gradient = ctx.createLinearGradient(x, 0, x + w, 0);
      for (const [stop, color] of swatch.stops) gradient.addColorStop(stop, color);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(x, y, w, h);
      ctx.fillStyle = gradient;
      ctx.fillRect(x, y, w, h);
      ctx.strokeStyle = 'rgba(0,0,0,0.2)';
      ctx.lineWidth = s;
      ctx.strokeRect(x, y, w, h);
      break;
    }
  }
  ctx.restore();
}

function drawLegend(ctx: CanvasRenderingContext2D, sections: readonly LegendSection[], layout: FigureLayout): void {
  if (sections.length === 0) return;
  const s = layout.scale;
  const d = FIGURE_DESIGN;
  const pad = 10 * s;
  const rowH = 20 * s;
  const titleH = 20 * s;
  const classesH = 34 * s;
  const swatchW = 28 * s;
  const width = Math.min(330 * s, layout.map.width * 0.42);
  let height = pad * 2 - 6 * s;
  for (const section of sections) {
    height += titleH;
    for (const row of section.rows) height += row.swatch.kind === 'classes' ? classesH : rowH;
    height += 6 * s;
  }
  const x0 = layout.legendOrigin.x;
  const y0 = layout.legendOrigin.y - height;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.93)';
  ctx.strokeStyle = '#b8c2cc';
  ctx.lineWidth = s;
  ctx.fillRect(x0, y0, width, height);
  ctx.strokeRect(x0, y0, width, height);
  ctx.textBaseline = 'middle';
  let y = y0 + pad;
  for (const section of sections) {
    ctx.fillStyle = '#0b2545';
    fitText(ctx, section.title, x0 + pad, y + titleH / 2, width - 2 * pad, 14 * s, 10 * s, 700);
    y += titleH;
    for (const row of section.rows) {
      if (row.swatch.kind === 'classes') {
        const items = row.swatch.items;
        const cellW = (width - 2 * pad) / Math.max(1, items.length);
        items.forEach((item, i) => {
          const cx = x0 + pad + i * cellW;
          ctx.fillStyle = item.color;
          ctx.globalAlpha = 0.8;
          ctx.fillRect(cx, y + 2 * s, cellW, 12 * s);
          ctx.globalAlpha = 1;
          ctx.fillStyle = INK;
          ctx.textAlign = 'center';
          fitText(ctx, item.label, cx + cellW / 2, y + 24 * s, cellW - 2 * s, d.legendFont * s - 1 * s, 8 * s);
          ctx.textAlign = 'left';
        });
        y += classesH;
      } else {
        drawSwatch(ctx, row.swatch, x0 + pad, y + 4 * s, swatchW, rowH - 8 * s, s);
        ctx.fillStyle = INK;
        fitText(ctx, row.label, x0 + pad + swatchW + 8 * s, y + rowH / 2, width - 2 * pad - swatchW - 8 * s, d.legendFont * s, 9 * s);
        y += rowH;
      }
    }
    y += 6 * s;
  }
  ctx.restore();
}

function drawScaleBar(ctx: CanvasRenderingContext2D, layout: FigureLayout, latitude: number, zoom: number): void {
  const s = layout.scale;
  const bar = scaleBar(metresPerPixel(latitude, zoom), FIGURE_DESIGN.scaleBarMaxWidth);
  const w = bar.width * s;
  const right = layout.scaleBarOrigin.x;
  const bottom = layout.scaleBarOrigin.y;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(right - w - 12 * s, bottom - 30 * s, w + 12 * s, 30 * s);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2 * s;
  ctx.beginPath();
  ctx.moveTo(right - 6 * s - w, bottom - 14 * s);
  ctx.lineTo(right - 6 * s - w, bottom - 6 * s);
  ctx.lineTo(right - 6 * s, bottom - 6 * s);
  ctx.lineTo(right - 6 * s, bottom - 14 * s);
  ctx.stroke();
  ctx.fillStyle = INK;
  font(ctx, 12 * s, 600);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(distanceLabel(bar.metres), right - 6 * s - w / 2, bottom - 17 * s);
  ctx.restore();
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, layout: FigureLayout, bearing: number, letter: string): void {
  const s = layout.scale;
  const r = layout.northArrow;
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeStyle = '#8a97a5';
  ctx.lineWidth = s;
  ctx.beginPath();
  ctx.arc(cx, cy, r.width / 2, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  // North is `bearing` degrees anticlockwise of up on a map turned to that bearing.
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  const h = r.height * 0.36;
  ctx.fillStyle = '#c62828';
  ctx.beginPath();
  ctx.moveTo(0, -h);
  ctx.lineTo(h * 0.42, 0);
  ctx.lineTo(-h * 0.42, 0);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#5f6b76';
  ctx.beginPath();
  ctx.moveTo(0, h);
  ctx.lineTo(h * 0.42, 0);
  ctx.lineTo(-h * 0.42, 0);
  ctx.closePath();
  ctx.fill();
  ctx.rotate((bearing * Math.PI) / 180);
  ctx.fillStyle = INK;
  font(ctx, 11 * s, 700);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(letter, 0, -r.height / 2 + 8 * s);
  ctx.restore();
}

/** Renders the figure; its canvas is exactly `figureLayout(scale).width × height` pixels. */
export async function renderFigure(live: MapLibreMap, options: { scale: number; text: FigureText; legend: readonly LegendSection[] }): Promise<HTMLCanvasElement> {
  const layout = figureLayout(options.scale, { titleBand: options.text.title !== null });
  const mapImage = await renderMap(live, layout);
  const s = layout.scale;
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to compose the figure on');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);

  if (layout.title && options.text.title !== null) {
    const t = layout.title;
    ctx.fillStyle = '#13315c';
    ctx.fillRect(t.x, t.y, t.width, t.height);
    ctx.fillStyle = '#c62828';
    ctx.fillRect(t.x, t.y + t.height - 3 * s, t.width, 3 * s);
    ctx.fillRect(t.x + 20 * s, t.y + 16 * s, 8 * s, t.height - 35 * s);
    ctx.textBaseline = 'middle';
    font(ctx, FIGURE_DESIGN.subtitleFont * s);
    const subtitleWidth = Math.min(ctx.measureText(options.text.subtitle).width, t.width * 0.35);
    ctx.fillStyle = '#ffffff';
    fitText(ctx, options.text.title, t.x + 40 * s, t.y + t.height / 2, t.width - 80 * s - subtitleWidth, FIGURE_DESIGN.titleFont * s, 14 * s, 700);
    ctx.fillStyle = '#c9d6e8';
    ctx.textAlign = 'right';
    fitText(ctx, options.text.subtitle, t.x + t.width - 20 * s, t.y + t.height / 2, subtitleWidth, FIGURE_DESIGN.subtitleFont * s, 9 * s);
    ctx.textAlign = 'left';
  }

  // Same pixel size: copied, not scaled.
  ctx.drawImage(mapImage, layout.map.x, layout.map.y);
  ctx.strokeStyle = '#8a97a5';
  ctx.lineWidth = s;
  ctx.strokeRect(layout.map.x + s / 2, layout.map.y + s / 2, layout.map.width - s, layout.map.height - s);

  const liveBox = live.getContainer();
  const zoom = figureZoom(live.getZoom(), { width: liveBox.clientWidth, height: liveBox.clientHeight }, layout.mapCss);
  drawLegend(ctx, options.legend, layout);
  drawScaleBar(ctx, layout, live.getCenter().lat, zoom);
  drawNorthArrow(ctx, layout, live.getBearing(), options.text.north);

  const f = layout.footer;
  ctx.fillStyle = '#f4f3ef';
  ctx.fillRect(f.x, f.y, f.width, f.height);
  ctx.fillStyle = MUTED;
  ctx.textBaseline = 'middle';
  const half = f.width / 2 - 24 * s;
  fitText(ctx, options.text.dateLine, f.x + 16 * s, f.y + f.height / 2, half, FIGURE_DESIGN.footerFont * s, 8 * s);
  ctx.textAlign = 'right';
  fitText(ctx, options.text.attribution, f.x + f.width - 16 * s, f.y + f.height / 2, half, FIGURE_DESIGN.footerFont * s, 8 * s);
  ctx.textAlign = 'left';
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}
