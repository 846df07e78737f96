/**
 * Text of an office's file as a string, in the encoding it was saved in. Chinese Windows saves
 * "CSV" from Excel as GBK (code page 936) and "CSV UTF-8" with a BOM; GB18030 is GBK's superset,
 * so one decoder reads both. `auto` tells them apart: a BOM or valid UTF-8 is UTF-8 (a GBK file
 * of Chinese text is almost never valid UTF-8), anything else must decode as GB18030 without a
 * replacement character. A file that is neither fails with the line where it goes wrong.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../src/contract';
import { InputFileError } from '../errors';

/** What was read: `utf-8` (BOM or not) or `gb18030` (which covers GBK). */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * The file's bytes. A file named `*.gz` is gunzipped first, so an office (or this repository, for
 * the real data it vendors) can keep a large CSV compressed: `problems.csv.gz` reads as `problems.csv`.
 */
export function readFileBytes(file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputFileError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!file.toLowerCase().endsWith('.gz')) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new InputFileError(file, `the name ends in .gz but the file is not gzip data (${err instanceof Error ? err.message : String(err)})`);
  }
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** GB18030 text, or null when a byte sequence is not GB18030 (iconv puts U+FFFD there). */
function decodeGb(bytes: Uint8Array, encoding: 'gbk' | 'gb18030'): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return text.includes('\ufffd') ? null : text;
}

export function decodeText(bytes: Uint8Array, declared: TextEncoding, file: string): DecodedText {
  if (declared === 'gbk' || declared === 'gb18030') {
    // A UTF-8 file declared as GBK would read as mojibake without any replacement character.
    if (hasUtf8Bom(bytes)) {
      throw new InputFileError(file, `starts with a UTF-8 byte-order mark but the config declares "encoding": "${declared}"; remove the encoding (or set "utf-8")`);
    }
    const text = decodeGb(bytes, declared);
    if (text === null) {
      throw new InputFileError(file, `is not valid ${declared.toUpperCase()} text; expected the encoding the config declares (try "encoding": "auto")`, { line: firstBadLine(bytes, (b) => decodeGb(b, declared) !== null) });
    }
    return { text, encoding: declared };
  }
  if (hasUtf8Bom(bytes)) return { text: strictUtf8(bytes.subarray(3), file), encoding: 'utf-8-bom' };
  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  if (declared === 'auto') {
    const text = decodeGb(bytes, 'gb18030');
    if (text !== null) return { text, encoding: 'gb18030' };
    // The line where GB18030 gives up: UTF-8 fails from the first Chinese character on.
    throw new InputFileError(file, 'is neither UTF-8 nor GBK/GB18030 text; save it from Excel as "CSV UTF-8" or "CSV"', { line: firstBadLine(bytes, (b) => decodeGb(b, 'gb18030') !== null) });
  }
  const looksGb = decodeGb(bytes, 'gb18030') !== null;
  throw new InputFileError(
    file,
    `is not valid UTF-8; expected UTF-8 text (save the sheet as "CSV UTF-8")${looksGb ? ', or, as it reads as GBK/GB18030 (Chinese Windows), declare "encoding": "gbk" (or "auto") for it in the config' : ''}`,
    { line: firstBadLine(bytes, isValidUtf8) },
  );
}

function strictUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'starts with a UTF-8 byte-order mark but is not valid UTF-8 after it', { line: firstBadLine(bytes, isValidUtf8) });
  }
}

/** 1-based line of the first line whose bytes do not decode. */
export function firstBadLine(bytes: Uint8Array, decodes: (line: Uint8Array) => boolean): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!decodes(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** UTF-8 text of a file that must be UTF-8 (JSON, GeoJSON, the config); a BOM is dropped. */
export function readUtf8File(file: string): string {
  return decodeText(readFileBytes(file), 'utf-8', file).text;
}
