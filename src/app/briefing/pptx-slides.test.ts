/**
 * The slides pptxgenjs writes, unzipped: one slide per scene, the image embedded, the title and
 * caption as escaped text. (That LibreOffice opens and renders them is the browser test's job.)
 */
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { deckPptx, type SlideInput } from './pptx-slides';

/** A 1×1 white PNG. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC';
const XSS = '<img src=x onerror=alert(1)>';

function slide(title: string, caption = ''): SlideInput {
  return { title, caption, image: { dataUrl: PNG, width: 1280, height: 690 }, figures: [{ label: '未结案问题', value: '126 件' }], footer: '梧桐街道 · 数据截至 2026/11/20 17:00 · 1 / 3' };
}

describe('the briefing deck as PPTX', () => {
  it('has one slide per scene, each with its image and its text', async () => {
    const bytes = (await deckPptx(PptxGenJS, '周例会', [slide('全街道问题'), slide('超期问题', '说明'), slide('路灯')], 'uint8array')) as Uint8Array;
    const zip = await JSZip.loadAsync(bytes);
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(3);
    expect(Object.keys(zip.files).filter((f) => /^ppt\/media\/.+\.png$/.test(f))).toHaveLength(3);
    const first = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(first).toContain('全街道问题');
    expect(first).toContain('126 件');
  });

  it('writes markup in a title or caption as escaped text, never as markup', async () => {
    const bytes = (await deckPptx(PptxGenJS, XSS, [slide(XSS, XSS)], 'uint8array')) as Uint8Array;
    const xml = await (await JSZip.loadAsync(bytes)).file('ppt/slides/slide1.xml')!.async('string');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).not.toContain(XSS);
  });
});
