import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PbfWriter } from 'pbf';
import { basemapLayers } from './basemap-features';
import { OsmPbfError, parseOsmPbf, readOsmPbf } from './read-osm-pbf';
import { parseOsmXml, type OsmData } from './read-osm-xml';

const LIECHTENSTEIN = 'data/realdata/liechtenstein-osm/liechtenstein-2013-08-03.osm.pbf';

/**
 * Reference figures for the Liechtenstein file from `osmium fileinfo -e` (osmium-tool 1.15.0,
 * libosmium's own PBF reader), run once by hand; the test itself never calls osmium.
 */
const OSMIUM = {
  nodes: 65_733,
  ways: 7_121,
  relations: 113,
  // The extract's ids are renumbered 1…n per type.
  largestNodeId: 65_733,
  largestWayId: 7_121,
  // "Data: Bounding box" [west, south, east, north] over all node coordinates.
  dataBBox: [9.3977818, 46.7862853, 9.6714552, 47.525823],
} as const;

// ---- A tiny PBF writer, the format's own building blocks, for round trips and broken files ----

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Compression = 'zlib' | 'raw' | 'lzma';

/** One file block: 4-byte length, BlobHeader, Blob. */
function fileBlock(type: string, payload: Uint8Array, compression: Compression = 'zlib'): Uint8Array {
  const blob = new PbfWriter();
  if (compression === 'zlib') {
    blob.writeVarintField(2, payload.length);
    blob.writeBytesField(3, deflateSync(payload));
  } else if (compression === 'lzma') {
    blob.writeVarintField(2, payload.length);
    blob.writeBytesField(4, payload); // not really lzma: the reader must refuse before trying
  } else {
    blob.writeBytesField(1, payload);
  }
  const blobBytes = blob.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, headerBytes.length);
  return concat(length, headerBytes, blobBytes);
}

function headerBlock(required = ['OsmSchema-V0.6', 'DenseNodes']): Uint8Array {
  const w = new PbfWriter();
  for (const feature of required) w.writeStringField(4, feature);
  w.writeStringField(16, 'guatu test');
  return w.finish();
}

interface BlockSpec {
  strings: string[];
  granularity?: number;
  latOffset?: number;
  lonOffset?: number;
  /** Each group written by its own function (nodes, dense, ways, relations). */
  groups: ((w: PbfWriter) => void)[];
}

function primitiveBlock(spec: BlockSpec): Uint8Array {
  const w = new PbfWriter();
  w.writeMessage(1, (strings: string[], p) => strings.forEach((s) => p.writeBytesField(1, new TextEncoder().encode(s))), spec.strings);
  for (const group of spec.groups) w.writeMessage(2, (_: null, p) => group(p), null);
  if (spec.granularity !== undefined) w.writeVarintField(17, spec.granularity);
  if (spec.latOffset !== undefined) w.writeVarintField(19, spec.latOffset);
  if (spec.lonOffset !== undefined) w.writeVarintField(20, spec.lonOffset);
  return w.finish();
}

const deltas = (xs: number[]): number[] => xs.map((x, i) => x - (i > 0 ? xs[i - 1]! : 0));

const STRINGS = ['', 'name', '新街口', 'highway', 'primary', '中山路', 'type', 'multipolygon', 'outer', 'place', 'square'];
const s = (text: string): number => STRINGS.indexOf(text);

/**
 * Granularity 1000 (1e-6°) with offsets of 32°N 118°E: lat 32.04 is stored as 40 000. Nodes 1, 2, 5
 * are dense, node 3 is a plain Node, way 10 and relation 20 follow in their own groups.
 */
const NANJING_BLOCK = primitiveBlock({
  strings: STRINGS,
  granularity: 1000,
  latOffset: 32_000_000_000,
  lonOffset: 118_000_000_000,
  groups: [
    (p) =>
      p.writeMessage(
        2,
        (_: null, d) => {
          d.writePackedSVarint(1, deltas([1, 2, 5]));
          d.writePackedSVarint(8, deltas([40_000, 50_000, 45_000]));
          d.writePackedSVarint(9, deltas([780_000, 790_000, 785_000]));
          d.writePackedVarint(10, [s('name'), s('新街口'), 0, 0, 0]);
        },
        null,
      ),
    (p) =>
      p.writeMessage(
        1,
        (_: null, n) => {
          n.writeSVarintField(1, 3);
          n.writePackedVarint(2, [s('place'), s('name')]);
          n.writePackedVarint(3, [s('square'), s('新街口')]);
          n.writeSVarintField(8, 41_000);
          n.writeSVarintField(9, 781_000);
        },
        null,
      ),
    (p) =>
      p.writeMessage(
        3,
        (_: null, way) => {
          way.writeVarintField(1, 10);
          way.writePackedVarint(2, [s('highway'), s('name')]);
          way.writePackedVarint(3, [s('primary'), s('中山路')]);
          way.writePackedSVarint(8, deltas([1, 2, 5, 1]));
        },
        null,
      ),
    (p) =>
      p.writeMessage(
        4,
        (_: null, r) => {
          r.writeVarintField(1, 20);
          r.writePackedVarint(2, [s('type')]);
          r.writePackedVarint(3, [s('multipolygon')]);
          r.writePackedVarint(8, [s('outer')]);
          r.writePackedSVarint(9, deltas([10]));
          r.writePackedVarint(10, [1]);
        },
        null,
      ),
  ],
});

/** Default granularity (100 = 1e-7°) and a negative offset: a node in Sydney. */
const SYDNEY_BLOCK = primitiveBlock({
  strings: [''],
  latOffset: -1_000_000_000,
  groups: [
    (p) =>
      p.writeMessage(
        2,
        (_: null, d) => {
          d.writePackedSVarint(1, [4]);
          d.writePackedSVarint(8, [(-33_868_800_000 + 1_000_000_000) / 100]);
          d.writePackedSVarint(9, [1_512_093_000]);
        },
        null,
      ),
  ],
});

const SAME_AS_XML = `<osm version="0.6">
  <node id="1" lat="32.04" lon="118.78"><tag k="name" v="新街口"/></node>
  <node id="2" lat="32.05" lon="118.79"/>
  <node id="5" lat="32.045" lon="118.785"/>
  <node id="3" lat="32.041" lon="118.781"><tag k="place" v="square"/><tag k="name" v="新街口"/></node>
  <node id="4" lat="-33.8688" lon="151.2093"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="5"/><nd ref="1"/><tag k="highway" v="primary"/><tag k="name" v="中山路"/></way>
  <relation id="20"><member type="way" ref="10" role="outer"/><tag k="type" v="multipolygon"/></relation>
</osm>`;

const HEADER = fileBlock('OSMHeader', headerBlock());

function thrown(f: () => unknown): OsmPbfError {
  try {
    f();
  } catch (err) {
    if (err instanceof OsmPbfError) return err;
    throw err;
  }
  throw new Error('expected an OsmPbfError');
}

describe('parseOsmPbf on hand-built files', () => {
  it('reads dense nodes, plain nodes, ways and relations exactly as the same data in OSM XML', () => {
    const pbf = concat(HEADER, fileBlock('OSMData', NANJING_BLOCK), fileBlock('OSMData', SYDNEY_BLOCK, 'raw'));
    expect(parseOsmPbf(pbf)).toEqual(parseOsmXml(SAME_AS_XML));
  });

  it('skips blocks of a type it does not know, as the format asks', () => {
    const pbf = concat(HEADER, fileBlock('OSMIndex', new Uint8Array([1, 2, 3])), fileBlock('OSMData', NANJING_BLOCK));
    expect(parseOsmPbf(pbf).ways).toHaveLength(1);
  });

  it('reads a header with no data blocks as no data', () => {
    const osm = parseOsmPbf(HEADER);
    expect(osm.nodes.size + osm.ways.length + osm.relations.length).toBe(0);
  });

  it('refuses an empty file, naming it', () => {
    expect(() => parseOsmPbf(new Uint8Array(0), 'empty.osm.pbf')).toThrow(
      'empty.osm.pbf: at byte 0: no OSMHeader block; expected an OpenStreetMap PBF file',
    );
  });

  it('refuses a file that is not PBF at its first byte', () => {
    const xml = new TextEncoder().encode(SAME_AS_XML);
    expect(() => parseOsmPbf(xml, 'city.osm')).toThrow(/^city\.osm: block 0 at byte 0: BlobHeader length \d+ exceeds/);
  });

  it('names the block and byte where zlib data is corrupt', () => {
    const data = fileBlock('OSMData', NANJING_BLOCK);
    data[data.length - 5]! ^= 0xff; // inside the deflate stream (its checksum or last bytes)
    const err = thrown(() => parseOsmPbf(concat(HEADER, data), 'bad.osm.pbf'));
    expect(err.block).toBe(1);
    expect(err.offset).toBe(HEADER.length);
    expect(err.message).toMatch(/^bad\.osm\.pbf: block 1 at byte \d+: OSMData: zlib data does not inflate/);
  });

  it('refuses a string index outside the block string table', () => {
    const block = primitiveBlock({
      strings: [''],
      groups: [
        (p) =>
          p.writeMessage(
            3,
            (_: null, way) => {
              way.writeVarintField(1, 7);
              way.writePackedVarint(2, [5]);
              way.writePackedVarint(3, [6]);
            },
            null,
          ),
      ],
    });
    expect(() => parseOsmPbf(concat(HEADER, fileBlock('OSMData', block)), 'x.pbf')).toThrow(
      /block 1 at byte \d+: OSMData: string index 5 is outside the block's table of 1/,
    );
  });

  it('refuses a file that requires a feature it cannot honour', () => {
    const history = fileBlock('OSMHeader', headerBlock(['OsmSchema-V0.6', 'HistoricalInformation']));
    expect(() => parseOsmPbf(history, 'history.osh.pbf')).toThrow(/block 0 at byte 0: OSMHeader: file requires HistoricalInformation/);
  });

  it('says which compression it cannot decode', () => {
    expect(() => parseOsmPbf(concat(HEADER, fileBlock('OSMData', NANJING_BLOCK, 'lzma')))).toThrow(/lzma-compressed/);
  });

  it('refuses data before the header', () => {
    expect(() => parseOsmPbf(fileBlock('OSMData', NANJING_BLOCK))).toThrow(/OSMData before the OSMHeader block/);
  });
});

describe('readOsmPbf on the real Liechtenstein extract (2013)', () => {
  let osm: OsmData;
  beforeAll(() => {
    osm = readOsmPbf(LIECHTENSTEIN);
  });

  it('reads as many nodes, ways and relations as osmium counts', () => {
    expect([osm.nodes.size, osm.ways.length, osm.relations.length]).toEqual([OSMIUM.nodes, OSMIUM.ways, OSMIUM.relations]);
    expect(Math.max(...osm.nodes.keys())).toBe(OSMIUM.largestNodeId);
    expect(osm.ways[osm.ways.length - 1]!.id).toBe(OSMIUM.largestWayId);
  });

  it('decodes coordinates to the same extent osmium reports', () => {
    let [w, s2, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const node of osm.nodes.values()) {
      w = Math.min(w, node.lon);
      s2 = Math.min(s2, node.lat);
      e = Math.max(e, node.lon);
      n = Math.max(n, node.lat);
    }
    expect([w, s2, e, n]).toEqual(OSMIUM.dataBBox);
  });

  it('has the town of Vaduz as a place node where Vaduz is', () => {
    const vaduz = [...osm.nodes.values()].find((node) => node.tags.place === 'town' && node.tags.name === 'Vaduz');
    expect(vaduz).toBeDefined();
    // Vaduz town centre is at about 47.14 N, 9.52 E.
    expect(vaduz!.lat).toBeCloseTo(47.14, 1);
    expect(vaduz!.lon).toBeCloseTo(9.52, 1);
  });

  it('joins every node a way refers to (the extract has complete ways)', () => {
    expect(osm.ways.every((way) => way.nodeIds.every((id) => osm.nodes.has(id)))).toBe(true);
  });

  it('gives the basemap non-empty layers', () => {
    const { stats } = basemapLayers(osm);
    expect(stats.features).toEqual({ landuse: 225, water: 101, roads: 2749, buildings: 3723, places: 51 });
    expect(stats.multipolygons).toBe(6);
  });

  it('names the file, block and byte where a truncated copy ends', () => {
    const bytes = readFileSync(LIECHTENSTEIN);
    const cut = bytes.subarray(0, 300_000);
    const err = thrown(() => parseOsmPbf(cut, 'cut.osm.pbf'));
    expect(err.message).toMatch(/^cut\.osm\.pbf: block \d+ at byte \d+: truncated: OSMData of \d+ bytes, \d+ left$/);
    expect(err.block).toBeGreaterThan(0);
    // Everything before the broken block reads cleanly: the offset is a real block boundary.
    expect(parseOsmPbf(cut.subarray(0, err.offset)).nodes.size).toBeGreaterThan(0);
  });
});
