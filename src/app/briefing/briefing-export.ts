/**
 * The briefing's two exports, driving the live map: the current view as a PNG figure, and the
 * whole deck as PPTX (each scene shown on the map in turn, drawn as a figure, put on a slide,
 * then the view the user had is put back).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Manifest } from '../../contract';
import type { Deck, Scene } from '../../analysis/presentation/deck';
import { figureFileName, figureLayout } from '../../analysis/presentation/figure-layout';
import { KPI_RULES } from '../../analysis/presentation/kpi';
import { viewSearch } from '../../analysis/presentation/view';
import { formatDateTime } from '../format';
import type { Lang } from '../i18n/language';
import type { Translate } from '../i18n/translate';
import { overviewFromSearch } from '../ui/overview-query';
import { showSearch, waitForSettled } from '../wall/apply-view';
import { formatKpiText } from '../wall/kpi-format';
import { downloadBlob } from './download';
import { canvasToPng, FigureTooLargeError, renderFigure, type FigureText } from './figure-export';
import { figureLegend, visibleGroups } from './figure-legend';
import { deckPptx, type SlideInput } from './pptx-slides';
import { showScene } from './scene-capture';

export interface ExportContext {
  map: MapLibreMap;
  manifest: Manifest;
  lang: Lang;
  t: Translate;
}

function legendNow(ctx: ExportContext) {
  return figureLegend(visibleGroups(ctx.map), overviewFromSearch(location.search).metric, ctx.manifest, ctx.lang, ctx.t);
}

function asOfText(ctx: ExportContext, asOf: string): string {
  return ctx.t('briefing.asOf', { time: formatDateTime(asOf, ctx.lang) ?? asOf });
}

/** Words for a FigureTooLargeError, any other error's own message. */
export function exportErrorText(e: unknown, t: Translate): string {
  if (e instanceof FigureTooLargeError) return t('briefing.tooBig', { max: e.max, w: e.width, h: e.height });
  return e instanceof Error ? e.message : String(e);
}

/** Renders and downloads the current view; returns the file name. */
export async function exportPng(ctx: ExportContext, title: string, scale: number): Promise<string> {
  const { manifest, t } = ctx;
  const made = formatDateTime(new Date().toISOString(), ctx.lang)?.slice(0, 10) ?? '';
  const text: FigureText = {
    title,
    subtitle: `${manifest.subDistrict.name} · ${asOfText(ctx, manifest.asOf)}`,
    dateLine: `${manifest.subDistrict.name} · ${asOfText(ctx, manifest.asOf)} · ${t('briefing.madeAt', { date: made })}`,
    attribution: manifest.attribution.join(' · '),
    north: t('briefing.north'),
  };
  const canvas = await renderFigure(ctx.map, { scale, text, legend: legendNow(ctx) });
  const expected = figureLayout(scale, { titleBand: true });
  if (canvas.width !== expected.width || canvas.height !== expected.height) throw new Error(`figure is ${canvas.width}×${canvas.height}, expected ${expected.width}×${expected.height}`);
  const name = figureFileName(title, scale);
  downloadBlob(await canvasToPng(canvas), name);
  return name;
}

/**
 * The scale of slide images. At 1× the figure is 1280 pixels wide, about what the image's two
 * thirds of a 1920-wide projector shows; 2× quadruples the rendering time of every slide.
 */
const SLIDE_SCALE = 1;

export async function exportPptx(ctx: ExportContext, deck: Deck, onProgress: (i: number, n: number) => void): Promise<string> {
  const { map, manifest, t } = ctx;
  const before = { search: viewSearch(location.search), camera: { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() } };
  const slides: SlideInput[] = [];
  try {
    for (const [i, scene] of deck.scenes.entries()) {
      onProgress(i + 1, deck.scenes.length);
      slides.push(await slideFor(ctx, scene, i, deck.scenes.length));
    }
  } finally {
    void showSearch(before.search);
    map.jumpTo(before.camera);
  }
  const { default: PptxGenJS } = await import('pptxgenjs');
  const blob = (await deckPptx(PptxGenJS, deck.title || manifest.subDistrict.name, slides, 'blob')) as Blob;
  const name = figureFileName(deck.title || manifest.subDistrict.name, 1, 'pptx').replace(/-1x\.pptx$/, '.pptx');
  downloadBlob(blob, name);
  return name;

  async function slideFor(c: ExportContext, scene: Scene, i: number, n: number): Promise<SlideInput> {
    await showScene(map, scene, { fly: false }); // the workspaces have re-read the address
    await waitForSettled(map);
    const canvas = await renderFigure(map, {
      scale: SLIDE_SCALE,
      text: {
        title: null,
        subtitle: '',
        dateLine: `${manifest.subDistrict.name} · ${asOfText(c, scene.asOf)}`,
        attribution: manifest.attribution.join(' · '),
        north: t('briefing.north'),
      },
      legend: legendNow(c),
    });
    return {
      title: scene.title,
      caption: scene.caption,
      image: { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height },
      figures: scene.figures.map((f) => ({ label: t(`wall.kpi.${f.key}`), value: formatKpiText(f.key, KPI_RULES[f.key].format, f.value, c.lang, t) })),
      footer: t('briefing.slideFooter', { name: manifest.subDistrict.name, time: formatDateTime(scene.asOf, c.lang) ?? scene.asOf, i: i + 1, n }),
    };
  }
}
