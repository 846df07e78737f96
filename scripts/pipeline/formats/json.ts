/**
 * JSON files (the config, GeoJSON): parsed with the line and column of the first mistake.
 */
import { InputFileError } from '../errors';
import { readUtf8File } from './text-encoding';

export function parseJsonFile(file: string): unknown {
  return parseJsonText(readUtf8File(file), file);
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message.replace(/\s+/g, ' ');
    const offset = jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const near = text.slice(Math.max(0, offset - 20), offset + 20).replace(/\s+/g, ' ');
    throw new InputFileError(file, `is not valid JSON (${message.slice(0, 80)}); near "${near}"`, { line, column });
  }
}

/**
 * Where JSON.parse gave up. Node 20's messages do not always carry a position, so this finds the
 * shortest prefix that fails for a reason other than "ended too soon" (binary search; only run
 * on the error path).
 */
export function jsonErrorOffset(text: string): number {
  const incomplete = (prefix: string): boolean => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (err) {
      return /end of JSON input|Unterminated string|Unexpected end/i.test((err as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (incomplete(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}
