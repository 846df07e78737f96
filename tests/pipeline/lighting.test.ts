/**
 * The lighting stage on the demo office (data/sample) and on bad lighting files: the dark-street
 * invariant against turf's own lengths, the generator's deliberately dark streets found dark, the
 * figures rolled up consistently, the faulty list, and rejects that name file, row and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { length as turfLength } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import { buildData, type BuildReport } from '../../scripts/build-data';
import { deriveFigures } from '../../scripts/pipeline/derive';
import { deriveLighting, type LightingStage } from '../../scripts/pipeline/lighting/derive-lighting';
import { normaliseInputs } from '../../scripts/pipeline/normalise';
import { readInputs } from '../../scripts/pipeline/read';
import { RejectLedger, validateInputs } from '../../scripts/pipeline/validate';
import { ROAD_GRADES, type LightingCellFigures } from '../../src/contract';
import { writeMiniOffice } from './mini-office';

const SAMPLE = 'data/sample/guatu.config.json';
const work = mkdtempSync(join(tmpdir(), 'guatu-lighting-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** read → validate → normalise → derive → lighting, as build-data.ts runs them. */
async function lightingStage(config: string): Promise<{ stage: LightingStage; ledger: RejectLedger }> {
  const raw = await readInputs(config);
  const ledger = new RejectLedger();
  const normal = normaliseInputs(validateInputs(raw, ledger), ledger);
  return { stage: deriveLighting(raw, normal, deriveFigures(normal), ledger), ledger };
}

function readFc<G extends LineString | MultiLineString | Point>(file: string): Feature<G, Record<string, unknown>>[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<G, Record<string, unknown>>).features;
}

describe('the lighting stage on the demo office', () => {
  let stage: LightingStage;
  let report: BuildReport;
  const roads = readFc<LineString | MultiLineString>('data/sample/roads.geojson');
  const lamps = readFc<Point>('data/sample/lamps.geojson');

  beforeAll(async () => {
    ({ stage } = await lightingStage(SAMPLE));
    report = await buildData({ config: SAMPLE, outDir: join(work, 'tiles'), quiet: true });
  }, 180_000);

  it('keeps lit + dark = road length within 0.1 %, road by road, against turf.length', () => {
    const seg = stage.result.segments;
    for (let i = 0; i < seg.count; i++) expect(stage.result.dark.litM[i]! + stage.result.dark.darkM[i]!).toBeCloseTo(seg.length[i]!, 6);
    let turfTotal = 0;
    let ours = 0;
    roads.forEach((road, i) => {
      const geodesic = turfLength(road, { units: 'meters' });
      turfTotal += geodesic;
      ours += stage.result.roadLengthM[i]!;
      // The demo register is already clipped to the sub-district, so every road is kept whole.
      if (geodesic > 20) expect(Math.abs(stage.result.roadLengthM[i]! - geodesic) / geodesic, String(road.properties.id)).toBeLessThan(0.001);
    });
    expect(Math.abs(ours - turfTotal) / turfTotal).toBeLessThan(0.001);
    const lit = stage.result.dark.litM.reduce((s, x) => s + x, 0);
    const dark = stage.result.dark.darkM.reduce((s, x) => s + x, 0);
    expect(Math.abs(lit + dark - turfTotal) / turfTotal).toBeLessThan(0.001);
  });

  it('finds the back streets the generator left without lamps mostly dark, and main roads lit', () => {
    // Streets with no lamp of their own name (scripts/demo/lamps.ts leaves three such back streets).
    const lampRoads = new Set(lamps.map((l) => String(l.properties.road)));
    const unlit = [...new Set(roads.filter((r) => r.properties.class === 'back_street' && r.properties.name !== '无名路').map((r) => String(r.properties.name)))].filter(
      (name) => !lampRoads.has(name),
    );
    expect(unlit.length).toBeGreaterThanOrEqual(3);
    const byName = new Map<string, { length: number; dark: number }>();
    stage.roads.forEach((r, i) => {
      const acc = byName.get(r.name) ?? { length: 0, dark: 0 };
      byName.set(r.name, { length: acc.length + stage.result.roadLengthM[i]!, dark: acc.dark + stage.result.roadDarkM[i]! });
    });
    for (const name of unlit) {
      const s = byName.get(name)!;
      // Lit only where the lamps of the streets they cross reach in: 科巷, 400 m with three junctions, is 62 % dark.
      expect(s.dark / s.length, name).toBeGreaterThan(0.55);
    }
    const sub = report.manifest.lighting!.cells[0]!;
    expect(sub.darkM.main / sub.roadM.main).toBeLessThan(0.01);
  });

  it('adds the drawn dark stretches up to the headline dark length', () => {
    const drawn = stage.tileLayers.find((l) => l.name === 'dark_segments')!.features.reduce((s, f) => s + Number(f.properties!.length_m), 0);
    expect(Math.abs(drawn - report.manifest.headline.darkLengthM)).toBeLessThan(1 + 0.05 * stage.result.stretches.length);
    expect(report.manifest.headline.darkLengthM).toBeGreaterThan(0);
    const lampsArchive = report.manifest.archives.find((a) => a.name === 'lamps')!;
    expect(lampsArchive.layers.find((l) => l.id === 'dark_segments')!.features).toBe(stage.result.stretches.length);
    expect(lampsArchive.layers.find((l) => l.id === 'lighting_roads')!.features).toBe(roads.length);
  });

  it('rolls grids up into communities and the sub-district', () => {
    const cells = report.manifest.lighting!.cells;
    const sub = cells.find((c) => c.level === 'subdistrict')!;
    expect(sub.lampsRegistered).toBe(lamps.length);
    expect(sub.lampsWorking).toBe(report.manifest.headline.lampsWorking);
    for (const community of cells.filter((c) => c.level === 'community')) {
      const grids = cells.filter((c) => c.level === 'l4' && c.code.startsWith(community.code));
      const sum = (f: (c: LightingCellFigures) => number) => grids.reduce((s, c) => s + f(c), 0);
      expect(community.lampsRegistered, community.name).toBe(sum((c) => c.lampsRegistered));
      for (const g of ROAD_GRADES) {
        expect(Math.abs(community.roadM[g] - sum((c) => c.roadM[g])), `${community.name} ${g}`).toBeLessThan(0.05 * grids.length + 0.1);
        expect(Math.abs(community.darkM[g] - sum((c) => c.darkM[g])), `${community.name} ${g}`).toBeLessThan(0.05 * grids.length + 0.1);
      }
    }
  });

  it('lists every faulty lamp, most dark metres first, none credited beyond its reach', () => {
    const faulty = report.manifest.lighting!.faulty;
    expect(faulty.length).toBe(lamps.filter((l) => l.properties.status === 'faulty').length);
    for (let i = 1; i < faulty.length; i++) expect(faulty[i - 1]!.darkM).toBeGreaterThanOrEqual(faulty[i]!.darkM);
    expect(faulty[0]!.darkM).toBeGreaterThan(0);
    // A lamp lights at most 2 × the longest dark distance of one straight road, plus crossing streets.
    for (const f of faulty) expect(f.darkM).toBeLessThan(4 * 25 + 1);
  });

  it('carries the schedule with its override that crosses midnight', () => {
    const schedule = report.manifest.lighting!.schedule;
    expect(schedule.map((r) => r.id)).toEqual(['main-all-night', 'branch-half-night', 'back-half-night', 'back-2h-later', 'spring-festival']);
    expect(schedule.find((r) => r.id === 'back-2h-later')).toMatchObject({ group: 'back_street', from: '2026-11-01', to: null, on: null, off: { kind: 'shift', minutes: 120 } });
    expect(report.manifest.lighting!.settings.darkDistanceM).toEqual({ main: 25, secondary: 25, branch: 20, back_street: 15 });
    expect(report.manifest.lighting!.groups.map((g) => g.group)).toEqual(['back_street', 'branch', 'main']);
  });
});

describe('the lighting stage on bad lighting files', () => {
  const FC = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const line = (coords: number[][]) => ({ type: 'LineString', coordinates: coords });
  const W = 118.78;
  const S = 32.04;

  function office(name: string, files: Record<string, string>, lighting?: object): string {
    const dir = join(work, name);
    const config = writeMiniOffice(dir, { override: files });
    const json = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown> & { files: Record<string, string> };
    json.files = { ...json.files, roads: 'roads.geojson', lightingSchedules: 'lighting_schedules.csv' };
    if (lighting) json.lighting = lighting;
    writeFileSync(config, JSON.stringify(json));
    return config;
  }

  const GOOD_ROADS = FC([
    { type: 'Feature', properties: { id: 'R1', name: '汉中路', class: 'main' }, geometry: line([[W, S + 0.005], [W + 0.01, S + 0.005]]) },
    { type: 'Feature', properties: { id: 'R2', name: '无类', class: 'alley' }, geometry: line([[W + 0.005, S], [W + 0.005, S + 0.01]]) },
    { type: 'Feature', properties: { id: 'R3', name: '界外路', class: 'branch' }, geometry: line([[W + 0.1, S + 0.1], [W + 0.11, S + 0.1]]) },
    { type: 'Feature', properties: { id: 'R4', name: '无几何', class: 'branch' }, geometry: null },
  ]);
  const SCHEDULE = [
    'id,group,from_date,to_date,on,off,name',
    'main,main,,,sunset,sunrise,全夜灯',
    'main-again,main,,,sunset,23:00,重复',
    'bad-time,branch,,,sunset,25:00,坏时间',
    'backwards,main,2026-11-05,2026-11-01,,+60,倒序',
    'shift-in-base,back_street,,,sunset,+120,基础规则不能平移',
    '',
  ].join('\n');

  it('rejects each bad road and schedule row naming file, row and field, and builds the rest', async () => {
    const { stage, ledger } = await lightingStage(office('bad-rows', { 'roads.geojson': GOOD_ROADS, 'lighting_schedules.csv': SCHEDULE }));
    const by = (id: string) => ledger.rejects.find((r) => r.id === id);
    expect(by('R2')).toMatchObject({ field: 'class', value: 'alley', row: 2 });
    expect(by('R2')!.file).toMatch(/roads\.geojson$/);
    expect(by('R3')).toMatchObject({ field: 'geometry', row: 3 });
    expect(by('R3')!.reason).toMatch(/outside the sub-district/);
    expect(by('R4')).toMatchObject({ field: 'geometry', row: 4 });
    expect(by('main-again')).toMatchObject({ field: 'group', row: 2 });
    expect(by('bad-time')).toMatchObject({ field: 'off', value: '25:00', row: 3 });
    expect(by('backwards')).toMatchObject({ field: 'to_date', row: 4 });
    expect(by('shift-in-base')).toMatchObject({ field: 'off', row: 5 });
    expect(by('shift-in-base')!.reason).toMatch(/only an override/);
    expect(ledger.counts.roads).toMatchObject({ read: 4, kept: 1, rejected: 3 });
    expect(ledger.counts.lightingSchedules).toMatchObject({ read: 5, kept: 1, rejected: 4 });
    // Only 汉中路 is left: 942.5 m, of which L1 lights 50 m.
    expect(stage.roads.filter((_, i) => stage.result.roadLengthM[i]! > 0).map((r) => r.id)).toEqual(['R1']);
    expect(stage.headline.darkLengthM).toBe(Math.round(942.5247 - 50));
    expect(stage.logLine).toMatch(/no schedule for lamp group\(s\) back_street/);
  });

  it('stops on a schedule table without a group column, naming the file and the columns', async () => {
    await expect(lightingStage(office('no-group', { 'roads.geojson': GOOD_ROADS, 'lighting_schedules.csv': 'id,on,off\nx,sunset,sunrise\n' }))).rejects.toThrow(
      /lighting_schedules\.csv: line 1: missing column\(s\) group/,
    );
  });

  it('stops on a lighting setting it does not know, naming the key', async () => {
    const files = { 'roads.geojson': GOOD_ROADS, 'lighting_schedules.csv': 'id,group,on,off\nall,*,sunset,sunrise\n' };
    await expect(lightingStage(office('bad-zone', files, { timeZone: 'Mars/Olympus' }))).rejects.toThrow(/"lighting\.timeZone" must be an IANA time zone/);
    await expect(lightingStage(office('bad-distance', files, { darkDistanceM: { lane: 10 } }))).rejects.toThrow(/"lighting\.darkDistanceM\.lane" is not a road class/);
    await expect(lightingStage(office('bad-distance-2', files, { darkDistanceM: -5 }))).rejects.toThrow(/"lighting\.darkDistanceM" must be a positive number/);
  });

  it('builds an office with an empty road register and no lamps on any road', async () => {
    const { stage } = await lightingStage(office('empty', { 'roads.geojson': FC([]), 'lighting_schedules.csv': 'id,group,on,off\nall,*,sunset,sunrise\n' }));
    expect(stage.result.segments.count).toBe(0);
    expect(stage.headline.darkLengthM).toBe(0);
    expect(stage.summary.cells[0]!.lampsPerKm).toBeNull();
  });
});
