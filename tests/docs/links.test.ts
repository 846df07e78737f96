/**
 * docs/ARCHITECTURE.md is a map of the code: each box links to its file. This keeps the map true:
 * every relative link in the README and docs/ must point at a file or folder that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter((f) =>
  existsSync(join(root, f)),
);

function relativeLinks(markdown: string): string[] {
  const links: string[] = [];
  for (const match of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    links.push(target.split('#')[0]!);
  }
  return links;
}

describe('documentation links', () => {
  it.each(documents)('%s links only to files that exist', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const broken = relativeLinks(text).filter((link) => !existsSync(resolve(dirname(join(root, doc)), decodeURI(link))));
    expect(broken).toEqual([]);
  });

  it('finds the architecture map and its links', () => {
    expect(documents).toContain('docs/ARCHITECTURE.md');
    expect(relativeLinks(readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8')).length).toBeGreaterThan(20);
  });
});
