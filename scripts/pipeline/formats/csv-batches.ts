/**
 * A large CSV read in batches of whole rows, so its text is never one string: at 1M problems the
 * file is 324 MB of UTF-8 and, as one JS string with Chinese in it, 580 MB of UTF-16 before a
 * single cell is cut. Used for the problems ledger (validate streams it into a ProblemTable);
 * the other tables are small and read whole by csv.ts.
 *
 * Two passes over the bytes, 4 MB at a time:
 * 1. the encoding, by the same rules as text-encoding.ts (BOM, valid UTF-8, else GB18030 when
 *    `auto`). A file that fails is read whole by decodeText, whose error names the bad line;
 * 2. decode, cut the text after the last line break outside a quoted cell (read as Papa reads
 *    quotes: a `"` opens a cell only at a cell's start, `""` inside is a quote), and parse each
 *    piece with Papa like a whole file, with the delimiter guessed once from the first rows. Rows,
 *    blank-line skipping and line numbers are those of csv.ts's parseCsvText on the whole text
 *    (tests compare them, stray quotes and a semicolon file included).
 *
 * A `.gz` file is gunzipped whole into a Buffer first (zlib has no synchronous stream); the
 * Buffer is the file's bytes, not text, and gzipped ledgers are the small vendored ones.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { TextEncoding } from '../../../src/contract';
import { InputFileError } from '../errors';
import type { RawTable } from '../read';
import { countNewlines, parseCsvText } from './csv';
import { decodeText, readFileBytes, type DetectedEncoding } from './text-encoding';

/** Bytes read per step: big enough that a piece holds thousands of rows, small next to the file. */
export const CSV_READ_BYTES = 4 * 1024 * 1024;

/** A CSV to read in batches: the encoding is settled when it is opened. */
export interface CsvBatches {
  file: string;
  encoding: DetectedEncoding;
  /** Each call reads the file again from the start; every batch has the header. */
  batches(): Generator<RawTable>;
}

export function openCsvBatches(file: string, declared: TextEncoding, readBytes = CSV_READ_BYTES): CsvBatches {
  const source = byteSource(file, readBytes);
  const encoding = settleEncoding(source, declared);
  if (encoding === null) {
    // Not readable as declared: decodeText reads it whole and says which line is wrong. Should it
    // read after all, the whole text is parsed once.
    const decoded = decodeText(readFileBytes(file), declared, file);
    return { file, encoding: decoded.encoding, batches: () => singleBatch(parseCsvText(decoded.text, file)) };
  }
  return { file, encoding, batches: () => csvPieces(source, encoding, file) };
}

function* singleBatch(table: RawTable): Generator<RawTable> {
  yield table;
}

/** A file's bytes in steps (a gzipped file's, after gunzip). */
interface ByteSource {
  chunks(): Generator<Uint8Array>;
}

function byteSource(file: string, readBytes: number): ByteSource {
  if (file.toLowerCase().endsWith('.gz')) {
    const bytes = readFileBytes(file);
    return {
      *chunks() {
        for (let at = 0; at < bytes.length; at += readBytes) yield bytes.subarray(at, Math.min(bytes.length, at + readBytes));
      },
    };
  }
  return {
    *chunks() {
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch (err) {
        throw new InputFileError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      try {
        const buffer = Buffer.allocUnsafe(readBytes);
        for (;;) {
          const n = readSync(fd, buffer, 0, readBytes, null);
          if (n === 0) return;
          yield buffer.subarray(0, n);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The encoding the whole file decodes in without error, or null when it does not (see decodeText). */
function settleEncoding(source: ByteSource, declared: TextEncoding): DetectedEncoding | null {
  let first: Uint8Array | null = null;
  for (const chunk of source.chunks()) {
    first = Uint8Array.from(chunk.subarray(0, 3));
    break;
  }
  const bom = first !== null && UTF8_BOM.every((b, i) => first[i] === b);
  if (declared === 'gbk' || declared === 'gb18030') return !bom && decodesAs(source, declared) ? declared : null;
  if (decodesAs(source, 'utf-8')) return bom ? 'utf-8-bom' : 'utf-8';
  if (declared === 'auto' && decodesAs(source, 'gb18030')) return 'gb18030';
  return null;
}

function decodesAs(source: ByteSource, encoding: 'utf-8' | 'gbk' | 'gb18030'): boolean {
  if (encoding === 'utf-8') return isUtf8Stream(source);
  const decode = decoder(encoding);
  try {
    for (const chunk of source.chunks()) if (!decode.write(chunk)) return false;
    return decode.end();
  } catch {
    return false;
  }
}

/** Valid UTF-8 throughout, checked chunk by chunk (node:buffer's isUtf8, without decoding). */
function isUtf8Stream(source: ByteSource): boolean {
  let carry = new Uint8Array(0);
  for (const chunk of source.chunks()) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // A character cut by the chunk's end waits for the next chunk.
    const cut = completeCharacters(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return false;
    // A copy: a Buffer's slice is a view, and the reader reuses its buffer for the next chunk.
    carry = Uint8Array.from(bytes.subarray(cut));
  }
  return carry.length === 0;
}

/** Length of the prefix that ends on a whole UTF-8 character (a truncated last one is left out). */
function completeCharacters(bytes: Uint8Array): number {
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const lead = bytes[bytes.length - back]!;
    if ((lead & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    return back >= length ? bytes.length : bytes.length - back;
  }
  return bytes.length;
}

/** A streaming decoder; write/end say false where the bytes are not valid in the encoding. */
interface StreamDecoder {
  text: string;
  write(bytes: Uint8Array): boolean;
  end(): boolean;
}

function decoder(encoding: 'utf-8' | 'gbk' | 'gb18030'): StreamDecoder {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const out: StreamDecoder = {
      text: '',
      write(bytes) {
        try {
          out.text = d.decode(bytes, { stream: true });
          return true;
        } catch {
          return false;
        }
      },
      end() {
        try {
          out.text = d.decode();
          return true;
        } catch {
          return false;
        }
      },
    };
    return out;
  }
  // iconv puts U+FFFD where a byte sequence is not GBK/GB18030 (as decodeText's check).
  const d = iconv.getDecoder(encoding);
  const out: StreamDecoder = {
    text: '',
    write(bytes) {
      out.text = d.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return !out.text.includes('\ufffd');
    },
    end() {
      out.text = d.end() ?? '';
      return !out.text.includes('\ufffd');
    },
  };
  return out;
}

function* csvPieces(source: ByteSource, encoding: DetectedEncoding, file: string): Generator<RawTable> {
  const decode = decoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  const cutter = new RowCutter(file);
  for (const chunk of source.chunks()) {
    if (!decode.write(chunk)) throw new InputFileError(file, 'changed while it was read; expected the file to stay as it was');
    const table = cutter.add(decode.text);
    if (table) yield table;
  }
  decode.end();
  const table = cutter.finish(decode.text);
  if (table) yield table;
}

/** Papa's delimiter guess reads 10 rows; 64 KB holds them in any real ledger. */
const GUESS_ROWS = 10;
const GUESS_CHARS = 64 * 1024;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Cuts decoded text into pieces of whole rows and parses each; keeps the line count across pieces. */
class RowCutter {
  private pending = '';
  /** Where the next scan for quotes starts, and whether that point is inside a quoted cell. */
  private scanFrom = 0;
  private inQuotes = false;
  private header: string[] | null = null;
  /** 1-based line of the pending text's first character. */
  private line = 1;
  private firstPiece = true;
  /** The delimiter Papa guesses from the file's first rows (a comma unless the file says otherwise). */
  private delimiter = COMMA;
  private delimiterText: string | null = null;

  constructor(private readonly file: string) {}

  add(text: string): RawTable | null {
    this.pending += text;
    if (this.delimiterText === null) {
      // Papa guesses the delimiter from the first 10 rows; no cut before it is known.
      if (this.pending.length < GUESS_CHARS && countNewlinesIn(this.pending) < GUESS_ROWS) return null;
      this.settleDelimiter(this.pending);
    }
    const boundary = this.lastRowBreak();
    if (boundary === -1) return null;
    const piece = this.pending.slice(0, boundary);
    this.pending = this.pending.slice(boundary + 1);
    this.scanFrom -= boundary + 1;
    return this.parse(piece.endsWith('\r') ? piece.slice(0, -1) : piece, true);
  }

  finish(text: string): RawTable | null {
    this.pending += text;
    const rest = this.pending;
    this.pending = '';
    if (rest === '' && !this.firstPiece) return null;
    return this.parse(rest, false);
  }

  /**
   * Index of the last "\n" outside quoted cells in the pending text, or -1. As Papa reads quotes: a
   * `"` opens a quoted cell only at the start of a cell (after the delimiter, a line break or at the
   * start of a row), elsewhere it is a character; inside, `""` is a quote and a lone `"` closes.
   */
  private lastRowBreak(): number {
    const text = this.pending;
    let i = this.scanFrom;
    let boundary = -1;
    this.scanFrom = text.length;
    while (i < text.length) {
      const quote = text.indexOf('"', i);
      if (this.inQuotes) {
        if (quote === -1) break;
        if (quote + 1 === text.length) {
          // `"` or the first of `""`: the next text decides; look at it again then.
          this.scanFrom = quote;
          break;
        }
        if (text.charCodeAt(quote + 1) === QUOTE) {
          i = quote + 2;
          continue;
        }
        this.inQuotes = false;
        i = quote + 1;
        continue;
      }
      const end = quote === -1 ? text.length : quote;
      const newline = end > i ? text.lastIndexOf('\n', end - 1) : -1;
      if (newline >= i) boundary = newline;
      if (quote === -1) break;
      const before = quote === 0 ? LINE_FEED : text.charCodeAt(quote - 1);
      if (before === this.delimiter || before === LINE_FEED || before === CARRIAGE_RETURN) this.inQuotes = true;
      i = quote + 1;
    }
    return boundary;
  }

  /** The delimiter Papa guesses for the file, from its first text (as parseCsvText's whole-text guess). */
  private settleDelimiter(text: string): void {
    const guessed = Papa.parse<string[]>(text, { header: false, preview: GUESS_ROWS }).meta.delimiter;
    this.delimiterText = guessed && guessed.length === 1 ? guessed : ',';
    this.delimiter = this.delimiterText.charCodeAt(0);
  }

  /** One piece of whole rows; `more` when a line break followed it (it counts as a line). */
  private parse(piece: string, more: boolean): RawTable | null {
    if (this.firstPiece) {
      this.firstPiece = false;
      const table = parseCsvText(piece, this.file);
      this.header = table.header;
      this.line += countNewlinesIn(piece) + (more ? 1 : 0);
      return table;
    }
    // The file's delimiter, not a guess per piece.
    const parsed = Papa.parse<string[]>(piece, { header: false, skipEmptyLines: false, delimiter: this.delimiterText ?? ',' });
    const fatal = parsed.errors.find((e) => e.type === 'Quotes');
    if (fatal) {
      throw new InputFileError(this.file, `unreadable CSV: ${fatal.message}; expected every quoted cell to be closed`, {
        line: this.line + (fatal.index === undefined ? 0 : countNewlinesIn(piece.slice(0, fatal.index))),
      });
    }
    const rows: string[][] = [];
    const lines: number[] = [];
    let line = this.line;
    for (const row of parsed.data) {
      const isBlank = row.length === 1 && row[0]!.trim() === '';
      if (!isBlank) {
        rows.push(row);
        lines.push(line);
      }
      line += 1 + countNewlines(row);
    }
    // The line break cut after the piece (not in it) starts the next piece's first line.
    this.line += countNewlinesIn(piece) + (more ? 1 : 0);
    return { file: this.file, header: this.header!, rows, lines };
  }
}

function countNewlinesIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
