import { latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { ARCHIVES, GRID_METRICS, PROBLEM_DETAIL_MINZOOM, type ArchiveName } from '../../../contract';
import { sampleManifest } from '../../test-fixtures/manifest';
import { OVERLAY_GROUPS, OVERLAY_LAYER_IDS, SOURCE_IDS } from '../layer-ids';
import { LABEL_FONT, LABEL_FONT_BOLD } from '../typography';
import { ALL_VISIBLE, buildStyle, type StyleInput } from './build-style';
import { groupOfLayer } from './layer-group';
import type { LayerSpecification, StyleSpecification } from './spec-types';

const ALL_URLS = Object.fromEntries(
  (Object.keys(ARCHIVES) as ArchiveName[]).map((n) => [n, `pmtiles://http://127.0.0.1:4173/tiles/${ARCHIVES[n].file}`]),
) as Record<ArchiveName, string>;

function style(overrides: Partial<StyleInput> = {}): StyleSpecification {
  return buildStyle({ manifest: sampleManifest(), archiveUrls: ALL_URLS, metric: 'open_problems', visible: ALL_VISIBLE, ...overrides });
}

function layer(s: StyleSpecification, id: string): LayerSpecification {
  const found = s.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
}

/** Every string anywhere in a value, for URL checks. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('buildStyle', () => {
  it('produces every overlay layer id of layer-ids.ts, tagged with its switcher group', () => {
    const s = style();
    for (const group of OVERLAY_GROUPS) {
      for (const id of OVERLAY_LAYER_IDS[group]) {
        expect(groupOfLayer(layer(s, id)), id).toBe(group);
      }
    }
  });

  it('gives every layer a unique id', () => {
    const ids = style().layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names one vector source per archive after SOURCE_IDS, pointing at the given pmtiles URL', () => {
    const s = style();
    expect(Object.keys(s.sources).sort()).toEqual(Object.values(SOURCE_IDS).sort());
    for (const name of Object.keys(ARCHIVES) as ArchiveName[]) {
      expect(s.sources[SOURCE_IDS[name]]).toEqual({ type: 'vector', url: ALL_URLS[name] });
    }
  });

  it('reads each source-layer from the archive that has it', () => {
    for (const l of style().layers) {
      if (!('source' in l) || !('source-layer' in l)) continue;
      const archive = ARCHIVES[l.source as ArchiveName];
      expect(archive.layers as readonly string[], `${l.id} reads ${l['source-layer']}`).toContain(l['source-layer']);
    }
  });

  it('references no glyphs, sprite or web URL: labels come from system fonts, symbols are drawn', () => {
    const s = style();
    expect(s).not.toHaveProperty('glyphs');
    expect(s).not.toHaveProperty('sprite');
    expect(strings(s.layers).filter((v) => v.includes('://'))).toEqual([]);
    // The only URLs are the archive URLs handed in.
    expect(strings(s.sources).filter((v) => v.includes('://')).sort()).toEqual(Object.values(ALL_URLS).sort());
    expect(s.layers.some((l) => l.type === 'symbol' && 'icon-image' in (l.layout ?? {}))).toBe(false);
  });

  it('sets every label in the CJK font stack', () => {
    const symbols = style().layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThan(0);
    for (const l of symbols) {
      expect([LABEL_FONT, LABEL_FONT_BOLD], l.id).toContainEqual(l.layout?.['text-font']);
    }
  });

  it('labels roads along the line', () => {
    expect(layer(style(), 'basemap-road-labels').layout).toMatchObject({ 'symbol-placement': 'line' });
  });

  it('is a valid MapLibre style for every choropleth metric', () => {
    for (const metric of GRID_METRICS) {
      const errors = validateStyleMin(style({ metric }), latest);
      expect(errors.map((e) => e.message), metric).toEqual([]);
    }
  });

  it('draws in a readable order: choropleth under roads, heat under points, labels on top', () => {
    const ids = style().layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('basemap-background')).toBe(0);
    expect(at('grid-choropleth')).toBeLessThan(at('basemap-roads'));
    expect(at('compound-fill')).toBeGreaterThan(at('basemap-roads'));
    expect(at('subdistrict-outline')).toBeGreaterThan(at('compound-outline'));
    expect(at('problems-heat')).toBeLessThan(at('problems-points'));
    expect(at('lamps')).toBeLessThan(at('problems-points'));
    expect(at('basemap-place-labels')).toBeGreaterThan(at('problems-points'));
  });

  it('drops the source and every layer of an archive that failed to open, keeping the rest', () => {
    const { lamps: _lamps, ...withoutLamps } = ALL_URLS;
    const s = style({ archiveUrls: withoutLamps });
    expect(s.sources).not.toHaveProperty('lamps');
    expect(s.layers.some((l) => 'source' in l && l.source === 'lamps')).toBe(false);
    expect(s.layers.map((l) => l.id)).toContain('problems-points');
    expect(validateStyleMin(s, latest)).toEqual([]);
  });

  it('keeps only the background when no archive opened', () => {
    const s = style({ archiveUrls: {} });
    expect(s.layers.map((l) => l.id)).toEqual(['basemap-background']);
  });

  it('starts hidden groups hidden and leaves basemap layers alone', () => {
    const s = style({ visible: { ...ALL_VISIBLE, lamps: false } });
    expect(layer(s, 'lamps').layout?.visibility).toBe('none');
    expect(layer(s, 'problems-points').layout?.visibility).toBe('visible');
    expect(layer(s, 'basemap-roads').layout?.visibility).toBeUndefined();
  });

  it('centres on the manifest centre', () => {
    expect(style().center).toEqual(sampleManifest().center);
  });
});

describe('problem layers', () => {
  it('heat reads the lean heat layer and points read the full records only where they exist', () => {
    const s = style();
    const heat = layer(s, 'problems-heat');
    const points = layer(s, 'problems-points');
    expect('source-layer' in heat && heat['source-layer']).toBe('problems_heat');
    expect('source-layer' in points && points['source-layer']).toBe('problems');
    expect(points.minzoom ?? 0).toBeGreaterThanOrEqual(PROBLEM_DETAIL_MINZOOM);
  });
});
