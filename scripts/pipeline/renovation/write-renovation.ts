/**
 * Write stage, renovation part: renovation.json beside the manifest, atomically, compact (it is
 * read by the browser, not by people) and byte-stable for the same inputs (no timestamps inside).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RENOVATION_PRODUCT_FILE, type RenovationProduct, type RenovationSummary } from '../../../src/contract';
import { writeFileAtomic } from '../../tiling/atomic-write';

export async function writeRenovationProduct(outDir: string, product: RenovationProduct): Promise<Pick<RenovationSummary, 'file' | 'bytes' | 'sha256'>> {
  const bytes = Buffer.from(`${JSON.stringify(product)}\n`, 'utf8');
  await writeFileAtomic(join(outDir, RENOVATION_PRODUCT_FILE), bytes);
  return { file: RENOVATION_PRODUCT_FILE, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}
