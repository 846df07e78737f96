import { describe, expect, it } from 'vitest';
import type { LayerSpecification } from '../map/style/spec-types';
import { layersToRestore } from './restore-layers';

const fill = (id: string, source: string): LayerSpecification => ({ id, type: 'fill', source, 'source-layer': 'x', paint: {} });

describe('putting a late archive’s layers back', () => {
  const ordered = [fill('ground', 'basemap'), fill('lamps-glow', 'lamps'), fill('grid', 'grids'), fill('lamps', 'lamps'), fill('labels', 'basemap')];

  it('inserts each before the next layer already on the map, in drawing order', () => {
    const out = layersToRestore(ordered, 'lamps', ['ground', 'grid', 'labels']);
    expect(out.map((o) => [o.layer.id, o.beforeId])).toEqual([
      ['lamps-glow', 'grid'],
      ['lamps', 'labels'],
    ]);
  });

  it('puts them on top when nothing comes after them, and skips layers already there', () => {
    const out = layersToRestore(ordered, 'lamps', ['ground', 'lamps-glow']);
    expect(out.map((o) => [o.layer.id, o.beforeId])).toEqual([['lamps', undefined]]);
    expect(layersToRestore(ordered, 'problems', [])).toEqual([]);
  });
});
