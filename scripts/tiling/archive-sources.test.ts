import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource, memorySource } from './archive-sources';

const BYTES = Uint8Array.from({ length: 100 }, (_, i) => i);

describe('memorySource and fileSource', () => {
  it('serve the same byte ranges, including a range that runs past the end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guatu-sources-'));
    try {
      const path = join(dir, 'a.pmtiles');
      await writeFile(path, BYTES);
      for (const source of [memorySource(BYTES), fileSource(path)]) {
        expect([...new Uint8Array((await source.getBytes(10, 5)).data)]).toEqual([10, 11, 12, 13, 14]);
        // pmtiles asks for the first 16 KiB whatever the archive's size.
        expect(new Uint8Array((await source.getBytes(0, 16_384)).data)).toEqual(BYTES);
        expect((await source.getBytes(95, 100)).data.byteLength).toBe(5);
      }
      expect(fileSource(path).getKey()).toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fileSource fails with the path when the file is missing', async () => {
    await expect(fileSource('/nonexistent/guatu.pmtiles').getBytes(0, 10)).rejects.toThrow(/\/nonexistent\/guatu\.pmtiles/);
  });
});
