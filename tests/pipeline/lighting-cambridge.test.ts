/**
 * Cambridge, MA as a second lighting dataset (data/realdata/cambridge-ma: 6,117 real street
 * lights, 2,643 street centrelines, 13 neighbourhoods standing in for grids), built through the same
 * pipeline by the column-mapping adapter (scripts/pipeline/lighting/mapped-office.ts).
 *
 * The source's `Neighborhood` field does not always agree with the neighbourhood polygons: it is 0
 * or missing for 1,023 lamps, and for about 300 it names a neighbourhood other than the one the pole
 * stands in. The register's own attribution is how an office counts its lamps, so the pipeline
 * takes it where it names a neighbourhood and the pole's position only where it does not; the
 * counts below are worked out from the source files independently of the pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, length as turfLength, lineString } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { buildMapped } from '../../scripts/pipeline/lighting/build-mapped';
import type { BuildReport } from '../../scripts/build-data';
import { deriveFigures } from '../../scripts/pipeline/derive';
import { deriveLighting, type LightingStage } from '../../scripts/pipeline/lighting/derive-lighting';
import { normaliseInputs } from '../../scripts/pipeline/normalise';
import { readInputs } from '../../scripts/pipeline/read';
import { RejectLedger, validateInputs } from '../../scripts/pipeline/validate';

const IMPORT = 'data/cambridge-ma/lighting-import.json';
const SOURCE = 'data/realdata/cambridge-ma';
const COMMUNITY = '250170001001';

function source<G extends Point | LineString | MultiLineString | Polygon | MultiPolygon>(file: string): Feature<G, Record<string, unknown>>[] {
  return (JSON.parse(readFileSync(join(SOURCE, file), 'utf8')) as FeatureCollection<G, Record<string, unknown>>).features;
}

const available = existsSync(join(SOURCE, 'INFRA_StreetLights.geojson'));
const work = mkdtempSync(join(tmpdir(), 'guatu-cambridge-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(available)('Cambridge, MA street lights through the pipeline', () => {
  let report: BuildReport & { configPath: string };
  let stage: LightingStage;
  const lights = source<Point>('INFRA_StreetLights.geojson');
  const hoods = source<Polygon>('BOUNDARY_CDDNeighborhoods.geojson');
  const centrelines = source<LineString | MultiLineString>('TRANS_Centerlines.geojson');

  beforeAll(async () => {
    report = await buildMapped(IMPORT, join(work, 'tiles'), join(work, 'office'), true);
    const raw = await readInputs(report.configPath);
    const ledger = new RejectLedger();
    const normal = normaliseInputs(validateInputs(raw, ledger), ledger);
    stage = deriveLighting(raw, normal, deriveFigures(normal), ledger);
  }, 300_000);

  it('reads every lamp and centreline of the source, rejecting only what lies outside the city', () => {
    expect(lights).toHaveLength(6117);
    expect(centrelines).toHaveLength(2643);
    expect(report.manifest.inputs.lamps!.read).toBe(6117);
    expect(report.manifest.inputs.roads!.read).toBe(2643);
    const lampRejects = report.rejects.filter((r) => r.file.endsWith('lamps.geojson'));
    expect(lampRejects.length).toBe(report.manifest.inputs.lamps!.rejected);
    for (const r of lampRejects) expect(r.reason).toMatch(/outside the sub-district/);
    expect(lampRejects.length).toBeLessThan(20);
  });

  it('matches per-neighbourhood lamp counts to the source Neighborhood field (position only where the field is empty)', () => {
    const rejected = new Set(report.rejects.filter((r) => r.file.endsWith('lamps.geojson')).map((r) => r.id));
    const cells = new Map(report.manifest.lighting!.cells.map((c) => [c.code, c]));
    let declaredTotal = 0;
    for (const hood of hoods) {
      const n = Number(hood.properties.N_HOOD);
      const code = `${COMMUNITY}${String(n).padStart(3, '0')}`;
      const kept = lights.filter((l) => !rejected.has(String(l.properties.PoleID)));
      const declared = kept.filter((l) => Number(l.properties.Neighborhood) === n).length;
      const undeclared = kept.filter((l) => !(Number(l.properties.Neighborhood) >= 1) && booleanPointInPolygon(l.geometry, hood)).length;
      declaredTotal += declared;
      expect(cells.get(code)!.lampsRegistered, `${String(hood.properties.NAME)} (${n})`).toBe(declared + undeclared);
    }
    // The field names a neighbourhood for 5,094 poles; the rest counted by position.
    expect(declaredTotal).toBeGreaterThan(5000);
    expect(cells.get('250170001')!.lampsRegistered).toBe(report.manifest.inputs.lamps!.kept);
  });

  it('keeps lit + dark = road length within 0.1 %, and road length within 0.1 % of turf.length for streets wholly inside', () => {
    const seg = stage.result.segments;
    let lit = 0;
    let dark = 0;
    let total = 0;
    for (let i = 0; i < seg.count; i++) {
      lit += stage.result.dark.litM[i]!;
      dark += stage.result.dark.darkM[i]!;
      total += seg.length[i]!;
    }
    expect(Math.abs(lit + dark - total) / total).toBeLessThan(0.001);
    const boundary = JSON.parse(readFileSync(join(work, 'office', 'boundary.geojson'), 'utf8')).features[0] as Feature<Polygon | MultiPolygon>;
    let ours = 0;
    let geodesic = 0;
    stage.roads.forEach((road, i) => {
      const inside = road.lines.every((line) => line.every((p) => booleanPointInPolygon([p[0]!, p[1]!], boundary)));
      if (!inside) return;
      ours += stage.result.roadLengthM[i]!;
      geodesic += road.lines.reduce((s, line) => s + turfLength(lineString(line as number[][]), { units: 'meters' }), 0);
    });
    expect(geodesic).toBeGreaterThan(150_000);
    expect(Math.abs(ours - geodesic) / geodesic).toBeLessThan(0.001);
    expect(Math.abs(report.manifest.headline.darkLengthM - dark)).toBeLessThan(1);
  });

  it('has no faulty lamps (the register records none) and one dusk-to-dawn schedule in Boston time', () => {
    expect(report.manifest.lighting!.faulty).toEqual([]);
    expect(report.manifest.lighting!.settings.timeZone).toBe('America/New_York');
    expect(report.manifest.lighting!.groups).toEqual([{ group: 'city', working: report.manifest.inputs.lamps!.kept, installed: report.manifest.inputs.lamps!.kept }]);
  });
});
