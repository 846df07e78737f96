/**
 * What changed between two manifests, so the wall screen reloads only the archives that were
 * rebuilt (their sha256 changed) and refreshes its figures, without reloading the page.
 * Pure: tested in Node.
 */
import type { ArchiveName, Manifest } from '../../contract';

export interface ManifestChange {
  /** Anything at all differs (a rebuild writes a new builtAt even for identical data). */
  changed: boolean;
  /** Archives whose bytes differ, or that appeared or disappeared. */
  archives: ArchiveName[];
  /** The as-of time moved: the header and every figure change. */
  asOf: boolean;
}

type Compared = Pick<Manifest, 'builtAt' | 'asOf' | 'archives'>;

export function manifestChange(before: Compared, after: Compared): ManifestChange {
  const shaOf = (m: Compared) => new Map(m.archives.map((a) => [a.name, a.sha256] as const));
  const a = shaOf(before);
  const b = shaOf(after);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const archives = names.filter((n) => a.get(n) !== b.get(n));
  const asOf = before.asOf !== after.asOf;
  return { changed: before.builtAt !== after.builtAt || asOf || archives.length > 0, archives, asOf };
}
