import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'guatu-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates the directory and writes the file, leaving no temporary file behind', async () => {
    const path = join(dir, 'public', 'tiles', 'problems.pmtiles');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await readdir(join(dir, 'public', 'tiles'))).toEqual(['problems.pmtiles']);
  });

  it('writes parts in order as one file (an archive streamed from its tiles)', async () => {
    const path = join(dir, 'problems.pmtiles');
    const parts = [new Uint8Array([1, 2]), new Uint8Array(0), Buffer.alloc(300_000, 7), new Uint8Array([9])];
    await writeFileAtomic(path, parts);
    expect((await readFile(path)).equals(Buffer.concat(parts))).toBe(true);
    expect(await readdir(dir)).toEqual(['problems.pmtiles']);
  });

  it('replaces an existing file whole, even with a shorter one', async () => {
    const path = join(dir, 'manifest.json');
    await writeFile(path, 'x'.repeat(10_000));
    await writeFileAtomic(path, '{"schemaVersion":1}');
    expect(await readFile(path, 'utf8')).toBe('{"schemaVersion":1}');
    expect(await readdir(dir)).toEqual(['manifest.json']);
  });

  it('lets a reader that opened the old file keep reading the old file whole', async () => {
    const path = join(dir, 'lamps.pmtiles');
    const old = Buffer.alloc(64 * 1024, 'a');
    await writeFile(path, old);
    const reader = await open(path, 'r');
    try {
      await writeFileAtomic(path, Buffer.alloc(32 * 1024, 'b'));
      const { buffer } = await reader.read(Buffer.alloc(old.length), 0, old.length, 0);
      expect(buffer.equals(old)).toBe(true);
    } finally {
      await reader.close();
    }
    expect((await readFile(path)).equals(Buffer.alloc(32 * 1024, 'b'))).toBe(true);
  });

  it('ends with one writer\'s content whole when two write the same file at once', async () => {
    const path = join(dir, 'grids.pmtiles');
    const a = Buffer.alloc(256 * 1024, 'a');
    const b = Buffer.alloc(128 * 1024, 'b');
    await Promise.all([writeFileAtomic(path, a), writeFileAtomic(path, b)]);
    const result = await readFile(path);
    expect(result.equals(a) || result.equals(b)).toBe(true);
    expect(await readdir(dir)).toEqual(['grids.pmtiles']);
  });

  it('fails with the path in the message, removes its temporary file and leaves the target alone', async () => {
    // A directory where the file should go: the rename cannot replace it.
    const path = join(dir, 'basemap.pmtiles');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'kept');
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow(`writeFileAtomic: could not write ${path}`);
    expect(await readdir(dir)).toEqual(['basemap.pmtiles']);
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('kept');
  });
});
