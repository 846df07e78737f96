import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET_FILE_KEYS } from '../src/contract';
import { describeFailure, ensureDemoTiles, missingDemoInputs, missingTiles, staleTiles } from './ensure-demo';

let tilesDir: string;

beforeEach(() => {
  tilesDir = mkdtempSync(join(tmpdir(), 'guatu-ensure-demo-'));
});

afterEach(() => rmSync(tilesDir, { recursive: true, force: true }));

const writeManifest = (files: string[]): void =>
  writeFileSync(join(tilesDir, 'manifest.json'), JSON.stringify({ archives: files.map((file) => ({ file })) }));

describe('missingTiles', () => {
  it('names the manifest when there is none', () => {
    expect(missingTiles(tilesDir)).toMatch(/manifest\.json does not exist/);
  });

  it('names a manifest that is not JSON', () => {
    writeFileSync(join(tilesDir, 'manifest.json'), '{ not json');
    expect(missingTiles(tilesDir)).toMatch(/manifest\.json is not readable JSON/);
  });

  it('names a manifest without an archives list', () => {
    writeFileSync(join(tilesDir, 'manifest.json'), '{}');
    expect(missingTiles(tilesDir)).toMatch(/no "archives" list/);
  });

  it('names the archives the manifest lists but the folder lacks', () => {
    writeManifest(['grids.pmtiles', 'lamps.pmtiles', 'problems.pmtiles']);
    writeFileSync(join(tilesDir, 'grids.pmtiles'), 'x');
    expect(missingTiles(tilesDir)).toMatch(/lists lamps\.pmtiles, problems\.pmtiles, which are missing/);
  });

  it('accepts a manifest whose archives are all there', () => {
    writeManifest(['lamps.pmtiles']);
    writeFileSync(join(tilesDir, 'lamps.pmtiles'), 'x');
    expect(missingTiles(tilesDir)).toBeNull();
  });
});

describe('ensureDemoTiles', () => {
  it('leaves a complete set of tiles alone, without loading the pipeline', async () => {
    writeManifest(['lamps.pmtiles']);
    writeFileSync(join(tilesDir, 'lamps.pmtiles'), 'x');
    // A config path that does not exist proves buildData was not called.
    await expect(ensureDemoTiles({ tilesDir, config: join(tilesDir, 'no-such-config.json'), quiet: true })).resolves.toBe('present');
  });
});

describe('describeFailure', () => {
  it('tells an input file error by its message alone', () => {
    const error = new Error('data/sample/problems.csv row 12, field lon: expected a number');
    error.name = 'InputFileError';
    expect(describeFailure(error)).toBe('data/sample/problems.csv row 12, field lon: expected a number');
  });

  it('tells any other error with its stack', () => {
    const error = new TypeError('x is undefined');
    expect(describeFailure(error)).toContain('at ');
  });
});

describe('demo inputs', () => {
  const writeConfig = (demo: boolean): string => {
    const path = join(tilesDir, 'guatu.config.json');
    const files = Object.fromEntries(DATASET_FILE_KEYS.map((key) => [key, `${key}.dat`]));
    writeFileSync(path, JSON.stringify({ demo, files }));
    return path;
  };

  it('lists the files a demo config names but the folder lacks', () => {
    const config = writeConfig(true);
    for (const key of DATASET_FILE_KEYS) if (key !== 'problems') writeFileSync(join(tilesDir, `${key}.dat`), 'x');
    expect(missingDemoInputs(config)).toEqual(['problems']);
  });

  it('never makes up files for an office config', () => {
    expect(missingDemoInputs(writeConfig(false))).toEqual([]);
  });
});

describe('staleTiles', () => {
  it('is null without a manifest (missingTiles tells that) and for tiles newer than their sources', () => {
    expect(staleTiles(tilesDir, [])).toBeNull();
    writeManifest([]);
    expect(staleTiles(tilesDir, [join(tilesDir, 'no-such-source')])).toBeNull();
  });

  it('names tiles built before a source changed', () => {
    writeManifest([]);
    const source = join(tilesDir, 'derive.ts');
    writeFileSync(source, 'x');
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    expect(staleTiles(tilesDir, [source])).toMatch(/older than the pipeline code or the demo data/);
    expect(staleTiles(tilesDir, [source], [source])).toBeNull();
  });
});
