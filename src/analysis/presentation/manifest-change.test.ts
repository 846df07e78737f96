import { describe, expect, it } from 'vitest';
import type { ArchiveSummary } from '../../contract';
import { manifestChange } from './manifest-change';

const archive = (name: ArchiveSummary['name'], sha256: string): ArchiveSummary => ({ name, file: `${name}.pmtiles`, bytes: 1, sha256, tiles: 1, minzoom: 10, maxzoom: 16, layers: [] });
const base = { builtAt: '2026-11-22T06:00:00Z', asOf: '2026-11-20T17:00:00+08:00', archives: [archive('grids', 'g1'), archive('problems', 'p1')] };

describe('what changed in the manifest', () => {
  it('sees nothing in the same manifest', () => {
    expect(manifestChange(base, base)).toEqual({ changed: false, archives: [], asOf: false });
  });

  it('sees a rebuild of identical data (new builtAt) but reloads no archive', () => {
    expect(manifestChange(base, { ...base, builtAt: '2026-11-22T07:00:00Z' })).toEqual({ changed: true, archives: [], asOf: false });
  });

  it('names the archives whose bytes changed, appeared or disappeared', () => {
    const after = { ...base, asOf: '2026-11-27T17:00:00+08:00', archives: [archive('problems', 'p2'), archive('lamps', 'l1')] };
    expect(manifestChange(base, after)).toEqual({ changed: true, archives: ['grids', 'lamps', 'problems'], asOf: true });
  });
});
