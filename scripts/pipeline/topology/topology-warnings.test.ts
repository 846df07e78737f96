/**
 * Topology warnings on the hand-worked mini office (tests/pipeline/mini-office.ts: a 0.01° square
 * at 118.78°E 32.04°N, two communities, four level-4 grids) with its grids redrawn:
 * - the north-west grid reaches 0.001° east into the east community: 0.001° × 0.005° ≈
 *   94.3 m × 556.0 m ≈ 52 400 m² outside its parent (turf's sphere, R = 6 371 008.8 m: 1° of
 *   latitude = 111 195 m, of longitude × cos 32.045° = 94 260 m); its two level-5 grids keep the
 *   old outline, so they leave a gap of the same 52 400 m² in it;
 * - the south-east grid starts 0.003° north of the boundary: a gap of 0.005° × 0.003° ≈
 *   471.3 m × 333.6 m ≈ 157 200 m² in community 002, holding problem P5 and lamp L4 (both at
 *   S + 0.002), which therefore fall in no grid;
 * - its level-5 grid (…00) keeps the old outline, so it reaches 157 200 m² outside its parent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildData } from '../../build-data';
import type { ImportWarning } from '../../../src/contract';
import { C1, C2, G, rect, writeMiniOffice } from '../../../tests/pipeline/mini-office';

const W = 118.78;
const S = 32.04;
const D = 0.01;
const work = mkdtempSync(join(tmpdir(), 'guatu-topology-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const f = (properties: object, geometry: object) => ({ type: 'Feature', properties, geometry });

describe('topology warnings', () => {
  let warnings: ImportWarning[];
  beforeAll(async () => {
    const config = writeMiniOffice(join(work, 'office'), {
      override: {
        'grids_l4.geojson': fc([
          f({ code: G.nw, community_code: C1, name: '西北网格', chief: '张三', households: 300, merchants: 10 }, rect(W, S + D / 2, W + D / 2 + 0.001, S + D)),
          f({ code: G.sw, community_code: C1, name: '西南网格', chief: '李四', households: 200, merchants: 5 }, rect(W, S, W + D / 2, S + D / 2)),
          f({ code: G.ne, community_code: C2, name: '东北网格', chief: '王五', households: 100, merchants: 20 }, rect(W + D / 2, S + D / 2, W + D, S + D)),
          f({ code: G.se, community_code: C2, name: '东南网格', chief: '赵六', households: 0, merchants: 40 }, rect(W + D / 2, S + 0.003, W + D, S + D / 2)),
        ]),
      },
    });
    const report = await buildData({ config, outDir: join(work, 'tiles'), quiet: true });
    warnings = report.manifest.import!.warnings;
  }, 60_000);

  const within = (value: number, expected: number, share = 0.02) => expect(Math.abs(value - expected) / expected).toBeLessThan(share);
  const area = (w: ImportWarning): number => Number(/(\d+) m²/.exec(w.reason)![1]);

  it('reports the overlap of two sibling level-4 grids with its area', () => {
    const overlaps = warnings.filter((w) => w.kind === 'grid-overlap' && w.id === G.nw);
    expect(overlaps.map((w) => w.reason)).toEqual([
      expect.stringMatching(new RegExp(`level-4 grid ${G.nw} reaches \\d+ m² outside its parent ${C1}`)),
    ]);
    within(area(overlaps[0]!), 52_400);
  });
  it('reports the gaps: the south-east grid\'s in its community, the level-5 grids\' in the widened grid', () => {
    const gaps = warnings.filter((w) => w.kind === 'grid-gap');
    expect(gaps.map((w) => w.id)).toEqual([C2, G.nw]);
    within(area(gaps[0]!), 157_200);
    within(area(gaps[1]!), 52_400);
    const [lon, lat] = gaps[0]!.value.split(',').map(Number);
    expect(lon).toBeGreaterThan(W + D / 2);
    expect(lat).toBeLessThan(S + 0.003);
  });
  it('reports the problem and the lamp in the gap as in no grid', () => {
    expect(warnings.filter((w) => w.kind === 'outside-grids').map((w) => w.id).sort()).toEqual(['L4', 'P5']);
  });
  it('reports the level-5 grid that still covers the old outline', () => {
    const spill = warnings.find((w) => w.kind === 'grid-overlap' && w.id === `${G.se}00`)!;
    expect(spill.reason).toMatch(/reaches \d+ m² outside its parent/);
    within(area(spill), 157_200);
  });
  it('gives no warning for the untouched mini office', async () => {
    const config = writeMiniOffice(join(work, 'clean'));
    const report = await buildData({ config, outDir: join(work, 'clean-tiles'), quiet: true });
    expect(report.manifest.import!.warnings).toEqual([]);
  });
});
