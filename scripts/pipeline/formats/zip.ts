/**
 * ZIP archives (a zipped shapefile, the inside of an .xlsx), read whole and synchronously with
 * node:zlib. Format: PKWARE APPNOTE.TXT §4.3 — entries are found through the central directory
 * (the End Of Central Directory record, §4.3.16, is within the last 65 557 bytes); methods 0
 * (stored) and 8 (deflate). Names without the UTF-8 flag (bit 11) come from Chinese Windows in
 * code page 936, so a name that is not valid UTF-8 is read as GB18030.
 * The writer makes small deterministic archives (fixed time stamp) for the test fixtures.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { isValidUtf8 } from './text-encoding';

export class ZipError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ZipError';
  }
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
const UTF8_FLAG = 0x0800;

export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === SIG.end) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new ZipError('is not a ZIP archive (no end-of-central-directory record)');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries = new Map<string, Uint8Array>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== SIG.central) throw new ZipError(`central directory entry ${n + 1} is damaged`);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const name = (flags & UTF8_FLAG) !== 0 || isValidUtf8(nameBytes) ? new TextDecoder().decode(nameBytes) : iconv.decode(Buffer.from(nameBytes), 'gb18030');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== SIG.local) throw new ZipError(`entry "${name}" is damaged (no local header)`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipError(`entry "${name}" is cut short`);
    if (method === 0) entries.set(name, data);
    else if (method === 8) {
      try {
        entries.set(name, new Uint8Array(inflateRawSync(data)));
      } catch (err) {
        throw new ZipError(`entry "${name}" does not inflate (${(err as Error).message})`);
      }
    } else throw new ZipError(`entry "${name}" uses compression method ${method}; expected 0 (stored) or 8 (deflate)`);
  }
  return entries;
}

/** A deflated ZIP of the given files, in the given order, all dated 1980-01-01 (deterministic). */
export function writeZip(files: [name: string, data: Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG.local, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG.central, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG.end, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
