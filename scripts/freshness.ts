/**
 * Is a build output older than what it is built from? Used by `npm start` (is dist/ stale?) and
 * ensure-demo (are the demo tiles stale after a pull that changed the pipeline or the demo data?).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Latest modification time (ms) under the given files and folders, skipping `skip`; 0 if none exist. */
export function newestModification(paths: readonly string[], skip: readonly string[] = []): number {
  const skipped = new Set(skip.map((path) => resolve(path)));
  let newest = 0;
  const visit = (path: string): void => {
    if (skipped.has(resolve(path)) || !existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

