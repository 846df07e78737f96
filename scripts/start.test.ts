import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestModification, siteIsStale } from './start';

let root: string;
const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'guatu-start-'));
  mkdirSync(join(root, 'src', 'app'), { recursive: true });
  mkdirSync(join(root, 'public', 'tiles'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'app', 'App.svelte'), '<main></main>');
  writeFileSync(join(root, 'public', 'tiles', 'lamps.pmtiles'), 'x');
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html>');
  at(join(root, 'src', 'app', 'App.svelte'), 1_000);
  at(join(root, 'public', 'tiles', 'lamps.pmtiles'), 1_000);
  at(join(root, 'dist', 'index.html'), 2_000);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const sources = (): string[] => [join(root, 'src'), join(root, 'public'), join(root, 'index.html')];
const skip = (): string[] => [join(root, 'public', 'tiles')];

describe('siteIsStale', () => {
  it('calls a dist/ without index.html stale', () => {
    rmSync(join(root, 'dist', 'index.html'));
    expect(siteIsStale(join(root, 'dist'), sources(), skip())).toBe(true);
  });

  it('calls a dist/ built after every source fresh, even when a listed source does not exist', () => {
    expect(siteIsStale(join(root, 'dist'), sources(), skip())).toBe(false);
  });

  it('calls dist/ stale when a source file deep in src/ changed after the build', () => {
    at(join(root, 'src', 'app', 'App.svelte'), 3_000);
    expect(siteIsStale(join(root, 'dist'), sources(), skip())).toBe(true);
  });

  it('does not rebuild the site because a tile archive was rebuilt', () => {
    at(join(root, 'public', 'tiles', 'lamps.pmtiles'), 3_000);
    expect(siteIsStale(join(root, 'dist'), sources(), skip())).toBe(false);
  });
});

describe('newestModification', () => {
  it('is 0 for no paths and for paths that do not exist', () => {
    expect(newestModification([])).toBe(0);
    expect(newestModification([join(root, 'nowhere')])).toBe(0);
  });

  it('finds the newest file under nested folders', () => {
    writeFileSync(join(root, 'src', 'b.ts'), '');
    at(join(root, 'src', 'b.ts'), 5_000);
    expect(newestModification([join(root, 'src')])).toBe(5_000_000);
  });
});
