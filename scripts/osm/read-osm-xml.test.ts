import { describe, expect, it } from 'vitest';
import { OsmReadError, parseOsmXml, readOsmXml, wayCoordinates } from './read-osm-xml';

const SMALL = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="32.04" lon="118.78"><tag k="name" v="新街口"/></node>
  <node id="2" lat="32.05" lon="118.79"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="99"/><tag k="highway" v="primary"/><tag k="name" v="中山路"/></way>
  <relation id="20"><member type="way" ref="10" role="outer"/><tag k="type" v="multipolygon"/></relation>
</osm>`;

describe('parseOsmXml', () => {
  it('reads nodes, ways, relations and their tags, Chinese names intact', () => {
    const osm = parseOsmXml(SMALL);
    expect(osm.nodes.size).toBe(2);
    expect(osm.nodes.get(1)?.tags.name).toBe('新街口');
    expect(osm.ways[0]?.tags).toEqual({ highway: 'primary', name: '中山路' });
    expect(osm.relations[0]?.members).toEqual([{ type: 'way', ref: 10, role: 'outer' }]);
  });

  it('skips node ids missing from the extract when building a way', () => {
    const osm = parseOsmXml(SMALL);
    expect(wayCoordinates(osm, osm.ways[0]!)).toEqual([
      [118.78, 32.04],
      [118.79, 32.05],
    ]);
  });

  it('reads an empty <osm> element as no data', () => {
    const osm = parseOsmXml('<osm version="0.6"></osm>');
    expect(osm.nodes.size + osm.ways.length + osm.relations.length).toBe(0);
  });

  it('names the file and line of malformed XML', () => {
    const broken = '<osm>\n<node id="1" lat="32" lon="118">\n</way>\n</osm>';
    expect(() => parseOsmXml(broken, 'city.osm')).toThrow(OsmReadError);
    expect(() => parseOsmXml(broken, 'city.osm')).toThrow(/^city\.osm:3: malformed XML/);
  });

  it('names the attribute when a node has no usable coordinate', () => {
    expect(() => parseOsmXml('<osm>\n<node id="7" lat="abc" lon="118"/></osm>', 'a.osm')).toThrow(
      'a.osm:2: <node> attribute "lat" is "abc"; expected a number',
    );
  });

  it('refuses a file that is not OSM XML', () => {
    expect(() => parseOsmXml('<html></html>', 'page.html')).toThrow(/no <osm> root element/);
  });

  const REAL = 'data/osm/nanjing-central.osm.xml';
  it('reads the real Nanjing extract with all its ways', () => {
    const osm = readOsmXml(REAL);
    expect(osm.nodes.size).toBe(12_975);
    expect(osm.ways.length).toBe(1_920);
    expect(osm.relations.length).toBe(54);
  });
});
