/**
 * The CRS sanity check on the demo sub-district (tracked files in data/sample/, the real Nanjing
 * OSM extract): the demo's own layers pass; the same layers shifted by gcoord into GCJ-02 or
 * BD-09, projected into Gauss-Krüger, moved away or with swapped axes, but still declared WGS-84,
 * are refused with a message naming the CRS they look like.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { readOsmXml } from '../../osm/read-osm-xml';
import { boundaryTest } from '../normalise';
import { converterFromWgs84, positionsOf } from './convert';
import { resolveCrs } from './definitions';
import { checkLayerCrs, CrsReference } from './sanity-check';

const read = <T>(name: string): T => JSON.parse(readFileSync(`data/sample/${name}`, 'utf8')) as T;
const boundary = read<FeatureCollection<Polygon | MultiPolygon>>('boundary.geojson').features[0]!.geometry;
const reference = new CrsReference(boundaryTest(boundary), boundary, readOsmXml('data/osm/nanjing-central.osm.xml'));
const lamps = read<FeatureCollection<Point>>('lamps.geojson').features.map((f) => f.geometry.coordinates);
const grids = read<FeatureCollection<Polygon | MultiPolygon>>('grids_l4.geojson').features.flatMap((f) => positionsOf(f.geometry));
const WGS84 = resolveCrs('WGS84')!;
const shift = (positions: Position[], to: 'GCJ02' | 'BD09'): Position[] => positions.map((p) => gcoord.transform(p as [number, number], gcoord.WGS84, gcoord[to]) as Position);
const verdict = (positions: Position[], isBoundary = false, declared = WGS84) => checkLayerCrs({ layer: 'x', declared, positions, isBoundary }, reference);
const reasonOf = (v: ReturnType<typeof verdict>): string => (v.ok ? '' : v.reason);

describe('checkLayerCrs on the demo sub-district', () => {
  it('passes the demo layers as they are (WGS-84)', () => {
    expect(verdict(lamps)).toMatchObject({ ok: true });
    expect(verdict(grids)).toMatchObject({ ok: true });
    expect(verdict(positionsOf(boundary), true)).toMatchObject({ ok: true });
  });
  it('refuses lamps shifted into GCJ-02 but declared WGS-84, saying they look like GCJ02', () => {
    const v = verdict(shift(lamps, 'GCJ02'));
    expect(v.ok).toBe(false);
    expect(reasonOf(v)).toMatch(/lines up with the sub-district only when read as GCJ02.*It looks like GCJ02.*"crs": "GCJ02"/);
  });
  it('refuses grids shifted into GCJ-02: most still inside, but off the streets', () => {
    const v = verdict(shift(grids, 'GCJ02'));
    expect(reasonOf(v)).toMatch(/GCJ02/);
    expect(v.figures.insideShare).toBeGreaterThan(0.5);
  });
  it('refuses a boundary in GCJ-02: only the basemap shows the shift', () => {
    expect(reasonOf(verdict(shift(positionsOf(boundary), 'GCJ02'), true))).toMatch(/lines up with the basemap only when read as GCJ02/);
  });
  it('refuses lamps in BD-09 declared WGS-84, saying they look like BD09', () => {
    expect(reasonOf(verdict(shift(lamps, 'BD09')))).toMatch(/looks like BD09/);
  });
  it('refuses lamps in GCJ-02 declared BD-09 (the other way round)', () => {
    expect(reasonOf(verdict(shift(lamps, 'GCJ02'), false, resolveCrs('BD09')!))).toMatch(/GCJ02/);
  });
  it('accepts GCJ-02 lamps declared GCJ-02', () => {
    expect(verdict(shift(lamps, 'GCJ02'), false, resolveCrs('GCJ02')!)).toMatchObject({ ok: true });
  });
  it('refuses a layer mostly outside the sub-district that no reading places there', () => {
    const v = verdict(lamps.map(([lon, lat]) => [lon! + 0.3, lat!]));
    expect(reasonOf(v)).toMatch(/only 0% of its positions fall inside the sub-district.*no other reading/);
  });
  it('recognises Gauss-Krüger metres declared as WGS-84, with and without the zone prefix', () => {
    const prefixed = lamps.map(converterFromWgs84(resolveCrs('EPSG:4528')!));
    expect(reasonOf(verdict(prefixed))).toMatch(/looks like EPSG:4528 \(CGCS2000 \/ 3-degree Gauss-Kruger zone 40/);
    const truncated = lamps.map(converterFromWgs84(resolveCrs('EPSG:4549')!));
    expect(reasonOf(verdict(truncated))).toMatch(/looks like EPSG:4549/);
  });
  it('recognises prefixed eastings declared as the truncated zone (EPSG:4528 data declared EPSG:4549)', () => {
    const prefixed = lamps.map(converterFromWgs84(resolveCrs('EPSG:4528')!));
    expect(reasonOf(verdict(prefixed, false, resolveCrs('EPSG:4549')!))).toMatch(/looks like EPSG:4528/);
  });
  it('recognises swapped longitude and latitude', () => {
    expect(reasonOf(verdict(lamps.map(([lon, lat]) => [lat!, lon!])))).toMatch(/WGS84 with the two coordinates swapped/);
  });
  it('does not judge an empty layer', () => {
    expect(verdict([])).toMatchObject({ ok: true });
  });
});

describe('checkLayerCrs on a tiny layer', () => {
  it('leaves a layer of fewer than 5 positions to the row-by-row rejects', () => {
    expect(verdict(lamps.slice(0, 4).map(([lon, lat]) => [lon! + 0.3, lat!]))).toMatchObject({ ok: true });
  });
});
