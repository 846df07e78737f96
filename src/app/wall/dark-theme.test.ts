import { latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { ARCHIVES, type ArchiveName } from '../../contract';
import { BASEMAP_LAYER_IDS } from '../map/style/basemap';
import { ALL_VISIBLE, buildStyle } from '../map/style/build-style';
import { sampleManifest } from '../test-fixtures/manifest';
import { applyTheme, DARK, darkPaint, lightPaint, themedStyle } from './dark-theme';

const URLS = Object.fromEntries((Object.keys(ARCHIVES) as ArchiveName[]).map((n) => [n, `pmtiles://http://127.0.0.1/tiles/${ARCHIVES[n].file}`])) as Record<ArchiveName, string>;
const light = () => buildStyle({ manifest: sampleManifest(), archiveUrls: URLS, metric: 'open_problems', visible: ALL_VISIBLE });

/** Relative luminance-ish brightness of a #rrggbb colour, 0–255. */
function brightness(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
}

/** Every #rrggbb colour in a paint value (literal or inside an expression). */
function colours(value: unknown): string[] {
  if (typeof value === 'string') return /^#[0-9a-f]{6}$/i.test(value) ? [value] : [];
  return Array.isArray(value) ? value.flatMap(colours) : [];
}

describe('the dark theme', () => {
  it('names only layers the builders make, and only properties they set', () => {
    const ids = new Set(light().layers.map((l) => l.id));
    const lightValues = lightPaint();
    for (const [id, paint] of Object.entries(darkPaint())) {
      expect(ids.has(id), id).toBe(true);
      for (const prop of Object.keys(paint)) expect(lightValues[id]?.[prop], `${id} ${prop}`).toBeDefined();
    }
  });

  it('is still a valid MapLibre style', () => {
    expect(validateStyleMin(themedStyle(light(), 'dark'), latest)).toEqual([]);
  });

  it('darkens every ground, water, building and road colour of the basemap', () => {
    const dark = themedStyle(light(), 'dark');
    const ground = [BASEMAP_LAYER_IDS.background, BASEMAP_LAYER_IDS.landuse, BASEMAP_LAYER_IDS.water, BASEMAP_LAYER_IDS.buildings, BASEMAP_LAYER_IDS.roads, BASEMAP_LAYER_IDS.roadCasing];
    for (const id of ground) {
      const layer = dark.layers.find((l) => l.id === id)!;
      const found = Object.values(layer.paint ?? {}).flatMap(colours);
      expect(found.length, id).toBeGreaterThan(0);
      for (const c of found) expect(brightness(c), `${id} ${c}`).toBeLessThan(80);
    }
    expect(brightness(DARK.label)).toBeGreaterThan(150);
  });

  it('leaves the light style as the builders made it', () => {
    const s = light();
    expect(themedStyle(s, 'light')).toBe(s);
  });

  it('switches a live map to dark and back to exactly the builders’ values', () => {
    const s = light();
    const paint = new Map<string, unknown>();
    for (const l of s.layers) for (const [k, v] of Object.entries(l.paint ?? {})) paint.set(`${l.id}|${k}`, v);
    const before = new Map(paint);
    const map = {
      getLayer: (id: string) => s.layers.find((l) => l.id === id),
      setPaintProperty: (id: string, name: string, value: unknown) => paint.set(`${id}|${name}`, value),
    };
    applyTheme(map, 'dark');
    expect(paint.get(`${BASEMAP_LAYER_IDS.background}|background-color`)).toBe(DARK.background);
    applyTheme(map, 'light');
    expect(paint).toEqual(before);
  });
});
