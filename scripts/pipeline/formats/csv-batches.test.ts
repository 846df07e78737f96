import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RawTable } from '../read';
import { openCsvBatches } from './csv-batches';
import { readCsvFile } from './csv';

const dir = mkdtempSync(join(tmpdir(), 'guatu-csv-batches-'));
let n = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const path = join(dir, `t${n++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

/** Every batch's rows and lines, joined: what the whole-file reader gives. */
function joined(path: string, readBytes: number, encoding: 'utf-8' | 'auto' | 'gbk' = 'utf-8'): RawTable & { batches: number } {
  const source = openCsvBatches(path, encoding, readBytes);
  const out = { file: path, header: [] as string[], rows: [] as string[][], lines: [] as number[], batches: 0 };
  for (const b of source.batches()) {
    out.header = b.header;
    out.rows.push(...b.rows);
    out.lines.push(...b.lines);
    out.batches++;
  }
  return out;
}

const TRICKY = [
  'id,description,address',
  'P1,"a quoted, comma",科巷',
  '',
  'P2,"two',
  'lines ""quoted"" inside",锦绣花园',
  '   ',
  'P3,"three',
  '',
  'lines with a blank one",x',
  'P4,中文描述比较长的一段文字用于测试多字节边界,地址',
  'P5,plain,end',
].join('\n');

describe('openCsvBatches reads a CSV in pieces exactly as the whole-file reader', () => {
  for (const [name, text] of [
    ['LF', TRICKY],
    ['CRLF', TRICKY.replace(/\n/g, '\r\n')],
    ['trailing newline', TRICKY + '\n'],
    ['trailing blank lines', TRICKY + '\n\n\n'],
  ] as const) {
    for (const readBytes of [1, 2, 3, 7, 16, 64, 1 << 20]) {
      it(`${name}, ${readBytes} bytes per read`, () => {
        const path = file(text);
        const whole = readCsvFile(path, 'utf-8').table;
        const pieces = joined(path, readBytes);
        expect(pieces.header).toEqual(whole.header);
        expect(pieces.rows).toEqual(whole.rows);
        expect(pieces.lines).toEqual(whole.lines);
        if (readBytes <= 16) expect(pieces.batches).toBeGreaterThan(1);
      });
    }
  }

  it('reads quotes as Papa does: inside a cell a quote is a character, a quoted cell opens only at a cell start', () => {
    // A hand-made file: stray quotes inside unquoted cells, then quoted cells with line breaks.
    const text = [
      'id,description,address',
      ...Array.from({ length: 10 }, (_, i) => `Q${i},plain,x`),
      'S1,he said "stop,地址',
      'S2,"a cell',
      'over two lines",y',
      'S3,5" pipe,z',
      'S4,"quoted ""inside"" and, comma",w',
      'S5,"""",v',
      'S6,last,u',
    ].join('\n');
    const path = file(text);
    const whole = readCsvFile(path, 'utf-8').table;
    expect(whole.rows.find((r) => r[0] === 'S1')).toEqual(['S1', 'he said "stop', '地址']);
    for (const readBytes of [1, 3, 5, 8, 13]) {
      const pieces = joined(path, readBytes);
      expect(pieces.rows, `${readBytes} bytes per read`).toEqual(whole.rows);
      expect(pieces.lines).toEqual(whole.lines);
      expect(pieces.batches).toBeGreaterThan(1);
    }
  });

  it('uses the delimiter guessed from the first rows for every piece (a semicolon file)', () => {
    const text = ['id;description;address', ...Array.from({ length: 14 }, (_, i) => `R${i};"a; b, c";"line\nbreak"`)].join('\n');
    const path = file(text);
    const whole = readCsvFile(path, 'utf-8').table;
    expect(whole.header).toEqual(['id', 'description', 'address']);
    const pieces = joined(path, 7);
    expect(pieces.rows).toEqual(whole.rows);
    expect(pieces.lines).toEqual(whole.lines);
    expect(pieces.batches).toBeGreaterThan(1);
  });

  it('reads a BOM file, a gzipped file and a GBK file as the whole-file reader does', () => {
    const bom = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TRICKY)]));
    expect(openCsvBatches(bom, 'auto', 5).encoding).toBe('utf-8-bom');
    expect(joined(bom, 5).rows).toEqual(readCsvFile(bom, 'auto').table.rows);
    expect(joined(bom, 5).header[0]).toBe('id');

    const gz = file(gzipSync(Buffer.from(TRICKY)), 'csv.gz');
    expect(joined(gz, 9).rows).toEqual(readCsvFile(gz, 'utf-8').table.rows);

    const gbk = file(iconv.encode(TRICKY, 'gbk'));
    const source = openCsvBatches(gbk, 'auto', 11);
    expect(source.encoding).toBe('gb18030');
    expect(joined(gbk, 11, 'auto').rows).toEqual(readCsvFile(gbk, 'auto').table.rows);
    expect(joined(gbk, 11, 'gbk').rows).toEqual(readCsvFile(gbk, 'gbk').table.rows);
  });

  it('fails on a file that is not in its encoding with the whole-file reader\'s message and line', () => {
    const gbk = file(iconv.encode(TRICKY, 'gbk'));
    let whole = '';
    try {
      readCsvFile(gbk, 'utf-8');
    } catch (err) {
      whole = (err as Error).message;
    }
    expect(whole).toMatch(/line 2: is not valid UTF-8/);
    expect(() => openCsvBatches(gbk, 'utf-8', 8)).toThrow(whole);
  });

  it('fails on an unclosed quote naming the line it starts on', () => {
    const ok = Array.from({ length: 12 }, (_, i) => `P${i},ok`);
    const path = file(['id,description', ...ok, 'P99,"never closed', 'P100,x'].join('\n'));
    // Cut into pieces (the 12 good rows first), the error is the piece's, on the same line.
    expect(() => [...openCsvBatches(path, 'utf-8', 4).batches()]).toThrow(/line 14: unreadable CSV/);
    expect(() => readCsvFile(path, 'utf-8')).toThrow(/line 14, row 13: unreadable CSV/);
  });

  it('fails on an empty file as the whole-file reader does', () => {
    const path = file('');
    expect(() => [...openCsvBatches(path, 'utf-8').batches()]).toThrow(/is empty; expected a header row/);
  });
});
