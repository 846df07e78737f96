/**
 * Reads an OpenStreetMap XML file (the format of an Overpass or JOSM export) into plain arrays.
 * Streaming (sax) so a city-sized extract does not need a DOM; malformed XML stops with the file
 * and line, as the house rule for bad input asks.
 */
import { readFileSync } from 'node:fs';
import sax from 'sax';

export type OsmTags = Record<string, string>;

export interface OsmNode {
  id: number;
  lon: number;
  lat: number;
  tags: OsmTags;
}

export interface OsmWay {
  id: number;
  nodeIds: number[];
  tags: OsmTags;
}

export interface OsmRelationMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

export interface OsmRelation {
  id: number;
  members: OsmRelationMember[];
  tags: OsmTags;
}

export interface OsmData {
  /** Every node, keyed by id (ways refer to nodes by id). */
  nodes: Map<number, OsmNode>;
  ways: OsmWay[];
  relations: OsmRelation[];
}

export class OsmReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'OsmReadError';
  }
}

/** Parses OSM XML text. `file` is only used to name the source in error messages. */
export function parseOsmXml(xml: string, file = '<osm xml>'): OsmData {
  const parser = sax.parser(true, { trim: true });
  const nodes = new Map<number, OsmNode>();
  const ways: OsmWay[] = [];
  const relations: OsmRelation[] = [];
  let current: OsmNode | OsmWay | OsmRelation | null = null;
  let sawRoot = false;
  let failure: OsmReadError | null = null;

  const fail = (detail: string): void => {
    failure ??= new OsmReadError(file, parser.line + 1, detail);
  };
  const numberAttr = (attrs: Record<string, string>, name: string, element: string): number | null => {
    const raw = attrs[name];
    const value = raw === undefined ? NaN : Number(raw);
    if (!Number.isFinite(value)) {
      fail(`<${element}> attribute "${name}" is ${raw === undefined ? 'missing' : `"${raw}"`}; expected a number`);
      return null;
    }
    return value;
  };

  // Stop at the first error: sax would otherwise try to resume and report noise.
  const stop = new Error('stop');
  parser.onerror = (err) => {
    fail(`malformed XML: ${err.message.split('\n')[0]}`);
    throw stop;
  };

  parser.onopentag = (tag) => {
    if (failure) return;
    const attrs = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawRoot = true;
        break;
      case 'node': {
        const id = numberAttr(attrs, 'id', 'node');
        const lat = numberAttr(attrs, 'lat', 'node');
        const lon = numberAttr(attrs, 'lon', 'node');
        if (id === null || lat === null || lon === null) return;
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
          fail(`<node id="${id}"> lat/lon ${lat},${lon} out of range; expected WGS-84 degrees`);
          return;
        }
        const node: OsmNode = { id, lon, lat, tags: {} };
        nodes.set(id, node);
        current = node;
        break;
      }
      case 'way': {
        const id = numberAttr(attrs, 'id', 'way');
        if (id === null) return;
        current = { id, nodeIds: [], tags: {} };
        ways.push(current);
        break;
      }
      case 'relation': {
        const id = numberAttr(attrs, 'id', 'relation');
        if (id === null) return;
        current = { id, members: [], tags: {} };
        relations.push(current);
        break;
      }
      case 'nd': {
        const ref = numberAttr(attrs, 'ref', 'nd');
        if (ref !== null && current && 'nodeIds' in current) current.nodeIds.push(ref);
        break;
      }
      case 'member': {
        const ref = numberAttr(attrs, 'ref', 'member');
        const type = attrs.type;
        if (ref === null) return;
        if (type !== 'node' && type !== 'way' && type !== 'relation') {
          fail(`<member ref="${ref}"> type "${type}"; expected node, way or relation`);
          return;
        }
        if (current && 'members' in current) current.members.push({ type, ref, role: attrs.role ?? '' });
        break;
      }
      case 'tag': {
        const k = attrs.k;
        if (k !== undefined && current) current.tags[k] = attrs.v ?? '';
        break;
      }
      default:
        break; // <bounds>, <note>, <meta>: nothing the basemap needs
    }
  };
  parser.onclosetag = (name) => {
    if (name === 'node' || name === 'way' || name === 'relation') current = null;
  };

  try {
    parser.write(xml).close();
  } catch (err) {
    if (err !== stop) throw err;
  }
  if (failure) throw failure;
  if (!sawRoot) throw new OsmReadError(file, 1, 'no <osm> root element; expected an OpenStreetMap XML export');
  return { nodes, ways, relations };
}

export function readOsmXml(path: string): OsmData {
  return parseOsmXml(readFileSync(path, 'utf8'), path);
}

/** The coordinates of a way, skipping node ids the extract does not contain. */
export function wayCoordinates(osm: OsmData, way: OsmWay): [number, number][] {
  const coords: [number, number][] = [];
  for (const id of way.nodeIds) {
    const node = osm.nodes.get(id);
    if (node) coords.push([node.lon, node.lat]);
  }
  return coords;
}
