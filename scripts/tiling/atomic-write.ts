/**
 * Replace a file whole or not at all. The dashboard may fetch public/tiles/*.pmtiles while the
 * pipeline rebuilds it; writing in place would let it read a half-written archive (a header
 * pointing past the end). A rename within one directory is atomic on POSIX and NTFS, so readers
 * see the old file or the new one. A reader that already opened the old file keeps reading it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes `data` to a temporary file beside `path`, flushes it to disk, then renames it over
 * `path`. Creates the directory if needed. On failure the temporary file is removed and `path`
 * is left as it was.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string | Iterable<Uint8Array>): Promise<void> {
  const target = resolve(path);
  const directory = dirname(target);
  await mkdir(directory, { recursive: true });
  // Same directory, so the rename never crosses a file system; a dot name so globs for
  // `*.pmtiles` do not pick it up; random so two writers do not share one.
  const temporary = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'wx');
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // Parts in order (an archive's header, directories and tiles), never joined into one buffer.
    else for (const part of data) await writeAll(handle, part);
    // Flush before the rename: otherwise a crash can leave the new name on an empty file.
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw new Error(`writeFileAtomic: could not write ${target}: ${(error as Error).message}`, { cause: error });
  }
  await syncDirectory(directory);
}

/** A write may take fewer bytes than asked (POSIX allows it): write until the part is all down. */
async function writeAll(handle: FileHandle, part: Uint8Array): Promise<void> {
  for (let at = 0; at < part.byteLength; ) {
    const { bytesWritten } = await handle.write(part, at, part.byteLength - at);
    at += bytesWritten;
  }
}

/**
 * Makes the rename itself durable across a power cut. Only a durability nicety: Windows cannot
 * open a directory for fsync, and the file is already whole either way, so failures are ignored.
 */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
