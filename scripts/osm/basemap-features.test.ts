import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { LANDUSE_CLASSES, PLACE_CLASSES, ROAD_CLASSES, WATER_CLASSES } from '../../src/contract';
import { basemapLayers } from './basemap-features';
import { signedRingArea } from './multipolygon-rings';
import { parseOsmXml, readOsmXml } from './read-osm-xml';

/** A tiny extract: node ids 1–9 on a grid around central Nanjing, 0.001° apart. */
function osm(body: string): string {
  const nodes: string[] = [];
  for (let i = 1; i <= 9; i++) {
    const lon = 118.78 + 0.001 * ((i - 1) % 3);
    const lat = 32.04 + 0.001 * Math.floor((i - 1) / 3);
    nodes.push(`<node id="${i}" lat="${lat}" lon="${lon}"/>`);
  }
  return `<osm version="0.6">${nodes.join('')}${body}</osm>`;
}
const nd = (...ids: number[]): string => ids.map((id) => `<nd ref="${id}"/>`).join('');
const tag = (k: string, v: string): string => `<tag k="${k}" v="${v}"/>`;

describe('basemapLayers on hand-written extracts', () => {
  it('returns five empty layers and zero counts for an empty extract', () => {
    const { stats, ...layers } = basemapLayers(parseOsmXml('<osm version="0.6"></osm>'));
    expect(layers).toEqual({ landuse: [], water: [], roads: [], buildings: [], places: [] });
    expect(stats.features).toEqual({ landuse: 0, water: 0, roads: 0, buildings: 0, places: 0 });
    expect(Object.values(stats.skipped).every((n) => n === 0)).toBe(true);
  });

  it('maps highway values onto the contract road classes with their first zoom and Chinese name', () => {
    const { stats: _stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="1">${nd(1, 2)}${tag('highway', 'primary_link')}${tag('name', '中山东路')}</way>
        <way id="2">${nd(2, 3)}${tag('highway', 'motorway')}</way>
        <way id="3">${nd(4, 5)}${tag('highway', 'living_street')}</way>
        <way id="4">${nd(5, 6)}${tag('highway', 'steps')}</way>
        <way id="5">${nd(7, 8)}${tag('highway', 'proposed')}</way>
        <way id="6">${nd(8, 9)}${tag('highway', 'service')}${tag('name', '  ')}</way>`),
      ),
    );
    expect(layers.roads.map((f) => f.properties)).toEqual([
      { class: 'primary', name: '中山东路', _minzoom: 10 },
      { class: 'trunk', _minzoom: 10 },
      { class: 'minor', _minzoom: 13 },
      { class: 'path', _minzoom: 15 },
      { class: 'service', _minzoom: 14 },
    ]);
    expect(layers.roads[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[118.78, 32.04], [118.781, 32.04]] });
  });

  it('assembles a multipolygon whose outer ring is split over two ways, one of them reversed', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="10">${nd(1, 3, 9)}</way>
        <way id="11">${nd(1, 7, 9)}</way>
        <relation id="20"><member type="way" ref="10" role="outer"/><member type="way" ref="11" role="outer"/>
          ${tag('type', 'multipolygon')}${tag('leisure', 'park')}${tag('name', '玄武湖公园')}</relation>`),
      ),
    );
    expect(stats.multipolygons).toBe(1);
    expect(layers.landuse).toHaveLength(1);
    const geometry = layers.landuse[0]!.geometry;
    expect(geometry.type).toBe('Polygon');
    const ring = (geometry.coordinates as Position[][])[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(signedRingArea(ring)).toBeGreaterThan(0);
    expect(layers.landuse[0]!.properties.class).toBe('park');
    // The named park is also a label, inside the square.
    expect(layers.places).toEqual([
      expect.objectContaining({ properties: { class: 'park', name: '玄武湖公园', rank: 4, _minzoom: 13 } }),
    ]);
    const [lon, lat] = layers.places[0]!.geometry.coordinates as [number, number];
    expect(lon).toBeCloseTo(118.781, 6);
    expect(lat).toBeCloseTo(32.041, 6);
  });

  it('cuts an inner ring out of a multipolygon building and keeps its levels', () => {
    const { stats: _stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="10">${nd(1, 3, 9, 7, 1)}</way>
        <way id="11">${nd(5, 6, 8, 5)}</way>
        <relation id="20"><member type="way" ref="10" role="outer"/><member type="way" ref="11" role="inner"/>
          ${tag('type', 'multipolygon')}${tag('building', 'yes')}${tag('building:levels', '4')}${tag('height', '12.5 m')}</relation>`),
      ),
    );
    expect(layers.buildings).toHaveLength(1);
    expect(layers.buildings[0]!.properties).toEqual({ _minzoom: 14, height: 12.5, levels: 4 });
    expect((layers.buildings[0]!.geometry.coordinates as Position[][]).length).toBe(2);
  });

  it('skips and counts a multipolygon whose member way is not in the extract', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="10">${nd(1, 3, 9)}</way>
        <relation id="20"><member type="way" ref="10" role="outer"/><member type="way" ref="404" role="outer"/>
          ${tag('type', 'multipolygon')}${tag('natural', 'water')}</relation>`),
      ),
    );
    expect(layers.water).toEqual([]);
    expect(stats.skipped.incompleteRelations).toBe(1);
    expect(stats.multipolygons).toBe(0);
  });

  it('skips and counts a multipolygon whose ways are all there but do not close', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="10">${nd(1, 3, 9)}</way>
        <way id="11">${nd(9, 8)}</way>
        <relation id="20"><member type="way" ref="10" role="outer"/><member type="way" ref="11" role="outer"/>
          ${tag('type', 'multipolygon')}${tag('landuse', 'residential')}</relation>`),
      ),
    );
    expect(layers.landuse).toEqual([]);
    expect(stats.skipped.unclosedRings).toBe(1);
    expect(stats.skipped.relationsWithoutOuter).toBe(1);
  });

  it('skips and counts an unclosed building way, but keeps the closed one', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="1">${nd(1, 2, 5, 4)}${tag('building', 'yes')}</way>
        <way id="2">${nd(5, 6, 9, 8, 5)}${tag('building', 'residential')}${tag('name', '1号楼')}</way>
        <way id="3">${nd(1, 2, 3, 1)}${tag('building', 'no')}</way>`),
      ),
    );
    expect(stats.skipped.unclosedWays).toBe(1);
    expect(layers.buildings.map((f) => f.properties)).toEqual([{ _minzoom: 14, name: '1号楼' }]);
  });

  it('skips and counts a closed area way with a node missing from the extract', () => {
    const { stats, ...layers } = basemapLayers(parseOsmXml(osm(`<way id="1">${nd(1, 2, 404, 1)}${tag('landuse', 'grass')}</way>`)));
    expect(layers.landuse).toEqual([]);
    expect(stats.skipped.incompleteWays).toBe(1);
  });

  it('splits a road where a node is missing instead of bridging the gap', () => {
    const { stats, ...layers } = basemapLayers(parseOsmXml(osm(`<way id="1">${nd(1, 2, 404, 5, 6)}${tag('highway', 'residential')}</way>`)));
    expect(layers.roads[0]!.geometry.type).toBe('MultiLineString');
    expect(layers.roads[0]!.geometry.coordinates).toHaveLength(2);
    expect(stats.skipped.brokenLines).toBe(1);
  });

  it('draws water areas as polygons and waterways as lines, each with its class', () => {
    const { stats: _stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="1">${nd(1, 2, 5, 4, 1)}${tag('natural', 'water')}${tag('name', '碧池')}</way>
        <way id="2">${nd(3, 6, 9)}${tag('waterway', 'river')}${tag('name', '秦淮河')}</way>
        <way id="3">${nd(7, 8)}${tag('waterway', 'stream')}</way>
        <way id="4">${nd(5, 6, 9, 8, 5)}${tag('landuse', 'reservoir')}</way>`),
      ),
    );
    expect(layers.water.map((f) => [f.geometry.type, f.properties.class, f.properties.name])).toEqual([
      ['Polygon', 'water', '碧池'],
      ['LineString', 'river', '秦淮河'],
      ['LineString', 'stream', undefined],
      ['Polygon', 'reservoir', undefined],
    ]);
    expect(layers.landuse).toEqual([]); // landuse=reservoir is water, not ground
  });

  it('gives large areas an earlier zoom than small ones', () => {
    const { stats: _stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <node id="100" lat="32.00" lon="118.70"/><node id="101" lat="32.00" lon="118.75"/>
        <node id="102" lat="32.05" lon="118.75"/><node id="103" lat="32.05" lon="118.70"/>
        <way id="1">${nd(100, 101, 102, 103, 100)}${tag('landuse', 'forest')}</way>
        <way id="2">${nd(1, 2, 5, 4, 1)}${tag('landuse', 'grass')}</way>`),
      ),
    );
    // ~4.7 km square: from the range's first zoom. ~100 m lawn: 6 px wide (areaMinSidePx) at z12,
    // where a pixel is 78 272 m · cos 32° / 2^12 ≈ 16 m.
    expect(layers.landuse.map((f) => [f.properties.class, f.properties._minzoom])).toEqual([
      ['forest', 10],
      ['grass', 12],
    ]);
  });

  it('labels place nodes and public facilities by rank, ignoring unnamed ones and shops', () => {
    const { stats: _stats, ...layers } = basemapLayers(
      parseOsmXml(`<osm>
        <node id="1" lat="32.04" lon="118.78">${tag('place', 'suburb')}${tag('name', '新街口')}</node>
        <node id="2" lat="32.05" lon="118.79">${tag('amenity', 'townhall')}${tag('name', '玄武区人民政府')}</node>
        <node id="3" lat="32.05" lon="118.80">${tag('amenity', 'school')}</node>
        <node id="4" lat="32.05" lon="118.81">${tag('shop', 'mall')}${tag('name', '德基广场')}</node>
        <node id="5" lat="47.14" lon="9.52">${tag('place', 'town')}${tag('name', 'Vaduz')}${tag('name:zh', '瓦杜兹')}</node>
      </osm>`),
    );
    expect(layers.places.map((f) => f.properties)).toEqual([
      { class: 'suburb', name: '新街口', rank: 3, _minzoom: 11 },
      { class: 'government', name: '玄武区人民政府', rank: 3, _minzoom: 13 },
      { class: 'town', name: '瓦杜兹', rank: 2, _minzoom: 10 },
    ]);
  });

  it('keeps one label where the same station is mapped once per line', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(`<osm>
        <node id="1" lat="32.0420" lon="118.7790">${tag('railway', 'station')}${tag('name', '新街口')}</node>
        <node id="2" lat="32.0425" lon="118.7795">${tag('railway', 'station')}${tag('name', '新街口')}</node>
        <node id="3" lat="32.0600" lon="118.7900">${tag('railway', 'station')}${tag('name', '新街口')}</node>
      </osm>`),
    );
    expect(layers.places).toHaveLength(2); // the third is 2 km away: another place of that name
    expect(stats.skipped.duplicatePlaces).toBe(1);
  });

  it('clips to the bbox and counts what lies wholly outside', () => {
    const { stats, ...layers } = basemapLayers(
      parseOsmXml(
        osm(`
        <way id="1">${nd(1, 2, 3)}${tag('highway', 'primary')}</way>
        <way id="2">${nd(7, 8)}${tag('highway', 'primary')}</way>
        <way id="3">${nd(1, 3, 9, 7, 1)}${tag('landuse', 'residential')}</way>`),
      ),
      { bbox: [118.7805, 32.0395, 118.7815, 32.0415] },
    );
    expect(stats.skipped.outsideBbox).toBe(1); // way 2 runs along lat 32.042
    expect(layers.roads[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[118.7805, 32.04], [118.781, 32.04], [118.7815, 32.04]] });
    const ring = (layers.landuse[0]!.geometry.coordinates as Position[][])[0]!;
    for (const [lon, lat] of ring as [number, number][]) {
      expect(lon).toBeGreaterThanOrEqual(118.7805);
      expect(lon).toBeLessThanOrEqual(118.7815);
      expect(lat).toBeGreaterThanOrEqual(32.04);
      expect(lat).toBeLessThanOrEqual(32.0415);
    }
  });
});

describe('basemapLayers on the real Nanjing extract', () => {
  const { stats, ...layers } = basemapLayers(readOsmXml('data/osm/nanjing-central.osm.xml'));

  it('fills every layer, with counts that only change when the tag tables do', () => {
    expect(stats.features).toEqual({ landuse: 192, water: 9, roads: 383, buildings: 1277, places: 43 });
    // 12 multipolygon relations: 2 miss member ways (skipped), 1 is a shop (not a basemap feature).
    expect(stats.multipolygons).toBe(9);
    expect(stats.skipped.incompleteRelations).toBe(2);
  });

  it('has 中山东路 as a primary road', () => {
    const zhongshan = layers.roads.filter((f) => f.properties.name === '中山东路');
    expect(zhongshan.length).toBeGreaterThan(0);
    expect(new Set(zhongshan.map((f) => f.properties.class))).toEqual(new Set(['primary']));
  });

  it('assembles the district government building from its two outer ways', () => {
    // Relation 2171965: ways 162314591 (6 nodes) and 162314589 (2 nodes) share both ends.
    const gov = layers.buildings.find((f) => f.properties.name === '玄武区人民政府');
    expect(gov?.geometry.type).toBe('Polygon');
    const ring = (gov!.geometry.coordinates as Position[][])[0]!;
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    expect(layers.places.some((f) => f.properties.name === '玄武区人民政府' && f.properties.class === 'government')).toBe(true);
  });

  it('uses only classes the contract lists', () => {
    for (const f of layers.roads) expect(ROAD_CLASSES).toContain(f.properties.class);
    for (const f of layers.landuse) expect(LANDUSE_CLASSES).toContain(f.properties.class);
    for (const f of layers.water) expect(WATER_CLASSES).toContain(f.properties.class);
    for (const f of layers.places) expect(PLACE_CLASSES).toContain(f.properties.class);
  });

  it('gives every feature a whole-number _minzoom the tiler can use', () => {
    for (const f of Object.values(layers).flat()) {
      expect(Number.isInteger(f.properties._minzoom)).toBe(true);
      expect(f.properties._minzoom).toBeGreaterThanOrEqual(10);
      expect(f.properties._minzoom).toBeLessThanOrEqual(15);
    }
  });
});
