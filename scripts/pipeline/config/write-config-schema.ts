/**
 * Writes docs/guatu.config.schema.json from config-schema.ts, for editors (VS Code and others
 * check a config that names it in "$schema"). A test keeps the file and the code equal.
 * Run: `npx tsx scripts/pipeline/config/write-config-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DATASET_CONFIG_SCHEMA } from './config-schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../../../docs/guatu.config.schema.json', import.meta.url));

/** The schema as JSON, without Guatu's own `expected` hints (not JSON Schema keywords). */
export function configSchemaJson(): string {
  return `${JSON.stringify(DATASET_CONFIG_SCHEMA, (key, value: unknown) => (key === 'expected' ? undefined : value), 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SCHEMA_FILE, configSchemaJson());
  console.log(`wrote ${SCHEMA_FILE}`);
}
