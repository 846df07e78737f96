/**
 * `npx tsx scripts/pipeline/lighting/build-mapped.ts data/cambridge-ma/lighting-import.json --out .tmp/lighting/cambridge/tiles [--staging dir]`
 *
 * Builds another city's street-light data through the same pipeline: mapped-office.ts writes an
 * office folder (default: `office/` beside the tiles folder) from the source files, then
 * build:data builds it.
 */
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildData, type BuildReport } from '../../build-data';
import { InputFileError } from '../errors';
import { writeMappedOffice } from './mapped-office';

export async function buildMapped(importPath: string, outDir: string, stagingDir = join(dirname(resolve(outDir)), 'office'), quiet = false): Promise<BuildReport & { configPath: string }> {
  const { configPath } = writeMappedOffice(importPath, stagingDir);
  const report = await buildData({ config: configPath, outDir, quiet });
  return { ...report, configPath };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const importPath = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const out = value('--out');
  if (!importPath || !out) {
    console.error('usage: build-mapped.ts <import.json> --out <tiles dir> [--staging <office dir>]');
    process.exit(2);
  }
  try {
    await buildMapped(importPath, out, value('--staging'));
  } catch (err) {
    if (err instanceof InputFileError) {
      console.error(`\n构建失败 Build failed: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
