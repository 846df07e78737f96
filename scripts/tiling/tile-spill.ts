/**
 * Gzipped tiles kept on disk between the tile and write stages. At 1M problems the problems
 * archive's tiles are 200 MB; held in memory from the moment they are cut to the end of the write
 * stage they were a fifth of the build's peak. Here each is appended to one temporary file as it
 * is packed and read back once, in tile-id order, as the archive is written (pmtiles-writer.ts
 * SpilledTile). The file lives in a dot-directory beside the archives being built (the build's own
 * disk, which the archive needs anyway; /tmp may be a RAM-backed tmpfs, as on Debian 13) and is
 * removed by `close`.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackedTile, SpilledTile } from './pmtiles-writer';

export class TileSpill {
  private readonly dir: string;
  private fd: number | null;
  private end = 0;

  /** `near`: the directory to put the file in (created if needed); the OS temporary one by default. */
  constructor(label: string, near: string = tmpdir()) {
    mkdirSync(near, { recursive: true });
    this.dir = mkdtempSync(join(near, `.guatu-${label}-tiles-`));
    this.fd = openSync(this.file, 'w+');
  }

  /** Writes the tile's bytes to the file; the tile returned reads them back. */
  store(tile: PackedTile): SpilledTile {
    const fd = this.open();
    const offset = this.end;
    const length = tile.gzipped.byteLength;
    for (let at = 0; at < length; ) at += writeSync(fd, tile.gzipped, at, length - at, offset + at);
    this.end += length;
    return { z: tile.z, x: tile.x, y: tile.y, contentHash: tile.contentHash, byteLength: length, read: () => this.read(offset, length) };
  }

  /** The temporary file (removed by close, with its directory). */
  get file(): string {
    return join(this.dir, 'tiles.bin');
  }

  /** Bytes on disk so far. */
  get bytes(): number {
    return this.end;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private read(offset: number, length: number): Uint8Array {
    const fd = this.open();
    const out = new Uint8Array(length);
    for (let at = 0; at < length; ) {
      const n = readSync(fd, out, at, length - at, offset + at);
      if (n === 0) throw new Error(`TileSpill: the file ends at ${offset + at}; expected ${length} bytes from ${offset}`);
      at += n;
    }
    return out;
  }

  private open(): number {
    if (this.fd === null) throw new Error('TileSpill: used after close');
    return this.fd;
  }
}
