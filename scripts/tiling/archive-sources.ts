/**
 * `Source`s for the `pmtiles` reader in Node: one over bytes in memory, one over a file on disk.
 * The pipeline uses them to read back what it wrote (tests, checks) through the same reader the
 * dashboard uses, rather than through a second parser of its own.
 */
import { open } from 'node:fs/promises';
import type { RangeResponse, Source } from 'pmtiles';

/** Serves byte ranges of an archive held in memory. */
export function memorySource(bytes: Uint8Array, key = 'memory'): Source {
  return {
    getKey: () => key,
    getBytes: async (offset: number, length: number): Promise<RangeResponse> => ({
      // slice() copies into an ArrayBuffer of exactly this range, which is what readers expect.
      data: bytes.slice(offset, offset + length).buffer,
    }),
  };
}

/** Serves byte ranges of an archive file, opening it per request so nothing stays open. */
export function fileSource(path: string): Source {
  return {
    getKey: () => path,
    getBytes: async (offset: number, length: number): Promise<RangeResponse> => {
      const handle = await open(path, 'r');
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        // The reader asks for 16 KiB at offset 0 even from a smaller archive: return what exists.
        return { data: buffer.slice(0, bytesRead).buffer };
      } finally {
        await handle.close();
      }
    },
  };
}
