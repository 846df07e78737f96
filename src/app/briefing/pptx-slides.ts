/**
 * The briefing deck as PowerPoint (pptxgenjs): one 16:9 slide per scene — title, the map figure,
 * the scene's key figures beside it, the caption under it and a footer with the data time.
 * Titles and captions go in as text runs, which pptxgenjs XML-escapes, so markup in a caption
 * stays text in PowerPoint and LibreOffice. Runs in the browser and in Node (the tests).
 */
import type PptxGenJS from 'pptxgenjs';

export interface SlideInput {
  title: string;
  caption: string;
  /** A PNG as a data: URL, and its pixel size (for the aspect ratio). */
  image: { dataUrl: string; width: number; height: number };
  figures: { label: string; value: string }[];
  footer: string;
}

/** Slide geometry in inches on the 10 × 5.625 in 16:9 layout. */
const SLIDE = {
  margin: 0.35,
  titleY: 0.2,
  titleH: 0.6,
  imageY: 0.95,
  imageW: 6.55,
  figuresX: 7.1,
  figuresW: 2.55,
  captionH: 0.62,
  footerY: 5.25,
  footerH: 0.28,
} as const;

const FONT = 'Microsoft YaHei';

export async function deckPptx(
  PptxCtor: typeof PptxGenJS,
  deckTitle: string,
  slides: readonly SlideInput[],
  outputType: 'blob' | 'uint8array',
): Promise<Blob | Uint8Array> {
  const pptx = new PptxCtor();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = deckTitle;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  for (const s of slides) {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addShape('rect', { x: 0, y: 0, w: 0.12, h: 5.625, fill: { color: 'C62828' }, line: { color: 'C62828' } });
    slide.addText(s.title, { x: SLIDE.margin, y: SLIDE.titleY, w: 10 - 2 * SLIDE.margin, h: SLIDE.titleH, fontFace: FONT, fontSize: 24, bold: true, color: '0B2545', fit: 'shrink', valign: 'middle' });
    slide.addShape('line', { x: SLIDE.margin, y: SLIDE.titleY + SLIDE.titleH + 0.04, w: 10 - 2 * SLIDE.margin, h: 0, line: { color: 'C62828', width: 1.5 } });
    const imageH = (SLIDE.imageW * s.image.height) / s.image.width;
    slide.addImage({ data: s.image.dataUrl, x: SLIDE.margin, y: SLIDE.imageY, w: SLIDE.imageW, h: imageH });
    if (s.figures.length > 0) {
      const rows = s.figures.flatMap((f) => [
        { text: `${f.label}\n`, options: { fontSize: 11, color: '4A5560', breakLine: false } },
        { text: `${f.value}\n`, options: { fontSize: 20, bold: true, color: '0B2545', paraSpaceAfter: 6 } },
      ]);
      slide.addText(rows, { x: SLIDE.figuresX, y: SLIDE.imageY, w: SLIDE.figuresW, h: imageH, fontFace: FONT, valign: 'top', fill: { color: 'F4F6F9' }, margin: 8 });
    }
    const captionY = SLIDE.imageY + imageH + 0.08;
    if (s.caption) slide.addText(s.caption, { x: SLIDE.margin, y: captionY, w: 10 - 2 * SLIDE.margin, h: SLIDE.captionH, fontFace: FONT, fontSize: 14, color: '1D2A36', valign: 'top', fit: 'shrink' });
    slide.addText(s.footer, { x: SLIDE.margin, y: SLIDE.footerY, w: 10 - 2 * SLIDE.margin, h: SLIDE.footerH, fontFace: FONT, fontSize: 9, color: '6B7680', align: 'right' });
  }
  return (await pptx.write({ outputType, compression: true })) as Blob | Uint8Array;
}
