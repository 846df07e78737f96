/**
 * The renovation layers the demo adds for issue 4: public-space works, demonstration sites and the
 * dates of road works, checked as an office's files would be (inside the sub-district, consistent
 * with their status, nothing after asOf) and for determinism.
 */
import { readFileSync } from 'node:fs';
import { area, booleanPointInPolygon, featureCollection, intersect, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../src/contract';
import { PUBLIC_SPACE_KINDS } from '../../src/contract';
import type { DemoResult } from './generate';
import { generateDemo } from './generate';

const config = JSON.parse(readFileSync('data/sample/guatu.config.json', 'utf8')) as DatasetConfig;
const ASOF = Date.parse(config.asOf ?? '');

type Poly = Feature<Polygon | MultiPolygon, Record<string, string | number | null>>;
const features = <T>(text: string | undefined): T[] => (JSON.parse(text ?? '{"features":[]}') as FeatureCollection).features as T[];

let demo: DemoResult;
let boundary: Poly;
let compounds: Poly[];
let works: Poly[];
let sites: Feature<Point, Record<string, string>>[];
let roads: Feature<never, Record<string, string | number | null>>[];

beforeAll(() => {
  demo = generateDemo({ seed: 20261120, config });
  boundary = features<Poly>(demo.texts.boundary)[0]!;
  compounds = features<Poly>(demo.texts.compounds);
  works = features<Poly>(demo.texts.publicSpaceWorks);
  sites = features(demo.texts.demonstrationSites);
  roads = features(demo.texts.roadWorks);
}, 60_000);

/** Dates present exactly as far as the status says, in order, none after asOf. */
function expectDatesFollowStatus(p: Record<string, string | number | null>): void {
  const status = String(p.status);
  const started = p.started_at ? Date.parse(String(p.started_at)) : null;
  const completed = p.completed_at ? Date.parse(String(p.completed_at)) : null;
  expect(started !== null, `${p.id} started_at`).toBe(['under_construction', 'completed', 'accepted'].includes(status));
  expect(completed !== null, `${p.id} completed_at`).toBe(['completed', 'accepted'].includes(status));
  if (started !== null && completed !== null) expect(completed).toBeGreaterThanOrEqual(started);
  for (const t of [started, completed]) if (t !== null) expect(t).toBeLessThanOrEqual(ASOF);
}

describe('the demo public-space works', () => {
  it('has a dozen or so works of every kind, inside the sub-district and clear of every compound', () => {
    expect(works.length).toBeGreaterThanOrEqual(8);
    expect(works.length).toBeLessThanOrEqual(16);
    expect(new Set(works.map((w) => w.properties.kind))).toEqual(new Set(PUBLIC_SPACE_KINDS));
    for (const w of works) {
      expect(booleanPointInPolygon(pointOnFeature(w), boundary), String(w.properties.id)).toBe(true);
      for (const c of compounds) {
        const overlap = intersect(featureCollection([w, c]));
        expect(overlap ? area(overlap) : 0, `${w.properties.id} × ${c.properties.id}`).toBeLessThan(1);
      }
    }
  });

  it('sizes pocket parks and fitness grounds as the seeds do (hundreds to a few thousand m²)', () => {
    for (const w of works.filter((x) => x.properties.kind === 'pocket_park' || x.properties.kind === 'fitness')) {
      const m2 = area(w);
      expect(m2, String(w.properties.id)).toBeGreaterThan(150);
      expect(m2, String(w.properties.id)).toBeLessThan(2_600);
    }
  });

  it('dates each work as far as its status says', () => {
    for (const w of works) expectDatesFollowStatus(w.properties);
    for (const r of roads) expectDatesFollowStatus(r.properties);
  });
});

describe('the demo demonstration sites', () => {
  it('has 8 sites (as 柳湖), each inside the sub-district, named after finished works', () => {
    expect(sites).toHaveLength(8);
    const ids = new Set(compounds.map((c) => String(c.properties.id)));
    const projects = Papa.parse<Record<string, string>>(demo.texts.projects.trim(), { header: true }).data;
    for (const s of sites) {
      expect(booleanPointInPolygon(s, boundary), s.properties.id).toBe(true);
      const opened = Date.parse(s.properties.opened_at!);
      expect(opened).toBeLessThanOrEqual(ASOF);
      if (s.properties.compound_id) {
        expect(ids.has(s.properties.compound_id)).toBe(true);
        // Named after its compound's renovation was finished.
        const finished = projects.filter((p) => p.compound_ids?.split(';').includes(s.properties.compound_id!) && p.completed_at).map((p) => Date.parse(p.completed_at!));
        expect(finished.length, s.properties.id).toBeGreaterThan(0);
        expect(Math.min(...finished)).toBeLessThan(opened);
        // The point lies in the compound it showcases.
        const c = compounds.find((x) => x.properties.id === s.properties.compound_id)!;
        expect(booleanPointInPolygon(s, c), s.properties.id).toBe(true);
      }
    }
    expect(new Set(sites.map((s) => s.properties.theme)).size).toBe(8);
  });

  it('is the same bytes for the same seed', () => {
    const again = generateDemo({ seed: 20261120, config, world: demo.world });
    expect(again.texts.publicSpaceWorks).toBe(demo.texts.publicSpaceWorks);
    expect(again.texts.demonstrationSites).toBe(demo.texts.demonstrationSites);
    expect(again.texts.roadWorks).toBe(demo.texts.roadWorks);
  });
});
