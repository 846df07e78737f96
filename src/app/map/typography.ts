/**
 * Fonts for map labels and the page. There is no `glyphs` URL in the style, so maplibre-gl 6 draws
 * every label locally with TinySDF, using the `text-font` stack as CSS font families (see
 * node_modules/maplibre-gl/src/render/glyph_manager.ts `_createTinySDF`). The stack therefore
 * lists system CJK fonts found on Windows, macOS and Linux desktops in Chinese offices; nothing is
 * downloaded, so the app stays offline.
 */

/** CSS font families, most common on office PCs first. */
export const CJK_FONT_FAMILIES = [
  'Microsoft YaHei',
  'PingFang SC',
  'Hiragino Sans GB',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
  'sans-serif',
] as const;

/** `text-font` for regular labels. */
export const LABEL_FONT: string[] = [...CJK_FONT_FAMILIES];

/**
 * `text-font` for bold labels. maplibre-gl sniffs the weight from the *first* family name
 * (`_fontWeight`), so a first entry ending in "Bold" makes TinySDF draw at weight 700 with the
 * same families; the browser skips the non-existent "… Bold" family itself.
 */
export const LABEL_FONT_BOLD: string[] = ['Microsoft YaHei Bold', ...CJK_FONT_FAMILIES];

/** For `localIdeographFontFamily` and the page's CSS. */
export function cssFontFamily(): string {
  return CJK_FONT_FAMILIES.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(', ');
}
