import { describe, expect, it } from 'vitest';
import { length as turfLength, lineString } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { LampStatus, RoadGrade } from '../../contract';
import { circleInterval } from './dark-segments';
import { darkStreets, type LampInput } from './dark-streets';
import { metricFrame, toLonLat } from './metric-frame';
import { segmentRoads, type RoadInput } from './road-segments';

/** Fixtures are drawn in metres around a point in Nanjing and turned into lon/lat. */
const FRAME = metricFrame(118.78, 32.04);
const ll = (x: number, y: number): [number, number] => toLonLat(FRAME, x, y);
const road = (id: string, cls: RoadGrade, ...points: [number, number][]): RoadInput => ({ id, name: id, class: cls, lines: [points.map(([x, y]) => ll(x, y))] });
const lamp = (x: number, y: number, status: LampStatus = 'working'): LampInput => {
  const [lon, lat] = ll(x, y);
  return { lon, lat, status };
};
const EVERY_CLASS = (m: number): Record<RoadGrade, number> => ({ main: m, secondary: m, branch: m, back_street: m });

describe('circle–segment intersection', () => {
  const out: [number, number] = [0, 0];
  it('lights the chord of the circle along the segment', () => {
    // Lamp on the road: 25 m either side of x = 50 on a 100 m segment.
    expect(circleInterval(0, 0, 100, 0, 50, 0, 25, out)).toBe(true);
    expect(out).toEqual([0.25, 0.75]);
    // 15 m off the road: half-chord √(25² − 15²) = 20 m.
    expect(circleInterval(0, 0, 100, 0, 50, 15, 25, out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.3, 12);
    expect(out[1]).toBeCloseTo(0.7, 12);
    // Behind the start: reaches 15 m into the segment.
    expect(circleInterval(0, 0, 100, 0, -10, 0, 25, out)).toBe(true);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.15, 12);
  });

  it('lights nothing when the circle only touches or misses', () => {
    expect(circleInterval(0, 0, 100, 0, 50, 25, 25, out)).toBe(false);
    expect(circleInterval(0, 0, 100, 0, 50, 40, 25, out)).toBe(false);
    expect(circleInterval(0, 0, 0, 0, 0, 0, 25, out)).toBe(false);
  });
});

describe('road segmenting', () => {
  it('cuts each edge into equal segments no longer than the maximum', () => {
    const s = segmentRoads([road('R1', 'main', [0, 0], [60, 0], [60, 10])], { maxLengthM: 25, frame: FRAME });
    // 60 m → 3 × 20 m; 10 m → 1 segment.
    expect(s.count).toBe(4);
    expect([...s.length].map((l) => Math.round(l * 1000) / 1000)).toEqual([20, 20, 20, 10]);
    expect(s.roadLengthM[0]).toBeCloseTo(70, 9);
    expect(new Set(s.run).size).toBe(1);
  });

  it('skips repeated vertices and gives each line of a MultiLineString its own run', () => {
    const multi: RoadInput = { id: 'M', name: 'M', class: 'branch', lines: [[ll(0, 0), ll(0, 0), ll(10, 0)], [ll(0, 50), ll(10, 50)]] };
    const s = segmentRoads([multi], { maxLengthM: 25, frame: FRAME });
    expect(s.count).toBe(2);
    expect(s.run[0]).not.toBe(s.run[1]);
  });

  it('is empty for no roads', () => {
    const s = segmentRoads([], { maxLengthM: 25 });
    expect(s.count).toBe(0);
  });

  it('refuses a segment length that is not positive', () => {
    expect(() => segmentRoads([], { maxLengthM: 0 })).toThrow(/positive/);
  });

  // A 100 m × 100 m sub-district from (0, −50) to (100, 50).
  const square: Polygon = { type: 'Polygon', coordinates: [[ll(0, -50), ll(100, -50), ll(100, 50), ll(0, 50), ll(0, -50)]] };

  it('cuts a road exactly where it crosses the boundary and drops what lies outside', () => {
    const s = segmentRoads([road('R', 'main', [-50, 0], [150, 0])], { maxLengthM: 25, frame: FRAME, clip: { polygon: square, toleranceM: 10 } });
    expect(s.roadLengthM[0]).toBeCloseTo(100, 6);
    expect(Math.min(...s.ax)).toBeCloseTo(0, 6);
    expect(Math.max(...s.bx)).toBeCloseTo(100, 6);
  });

  it('keeps a road drawn along the boundary, within the tolerance, and drops one beyond it', () => {
    const along = road('along', 'back_street', [0, 55], [100, 55]); // 5 m outside the north edge
    expect(segmentRoads([along], { maxLengthM: 25, frame: FRAME, clip: { polygon: square, toleranceM: 10 } }).roadLengthM[0]).toBeCloseTo(100, 6);
    expect(segmentRoads([along], { maxLengthM: 25, frame: FRAME, clip: { polygon: square, toleranceM: 3 } }).roadLengthM[0]).toBe(0);
  });

  it('starts a new run after a piece that was cut away, so dark stretches do not jump the gap', () => {
    // In, out (a dip 30 m south of the square), back in.
    const s = segmentRoads([road('U', 'branch', [10, 0], [10, -90], [90, -90], [90, 0])], { maxLengthM: 25, frame: FRAME, clip: { polygon: square, toleranceM: 5 } });
    expect(new Set(s.run).size).toBe(2);
    expect(s.roadLengthM[0]).toBeCloseTo(100, 6);
  });
});

describe('dark streets', () => {
  it('leaves dark the stretch between two lamps farther apart than twice the distance (hand-worked)', () => {
    // 100 m road; working lamps at x = 10 and x = 90 light [0, 35] and [65, 100]; [35, 65] is dark.
    // Faulty lamps at x = 50 and x = 70 would light [25, 75] and [45, 95]: 30 m and 20 m of the dark.
    const result = darkStreets({
      roads: [road('R1', 'main', [0, 0], [100, 0])],
      lamps: [lamp(10, 0), lamp(90, 0), lamp(50, 0, 'faulty'), lamp(70, 0, 'faulty'), lamp(30, 0, 'removed')],
      darkDistanceM: EVERY_CLASS(25),
      segmentLengthM: 25,
      frame: FRAME,
    });
    expect(result.roadLengthM[0]).toBeCloseTo(100, 9);
    expect(result.roadDarkM[0]).toBeCloseTo(30, 9);
    expect([...result.faultyDarkM].map((m) => Math.round(m * 1e6) / 1e6)).toEqual([0, 0, 30, 20, 0]);
    // One stretch across the segment boundary at x = 50, not two.
    expect(result.stretches).toHaveLength(1);
    const stretch = result.stretches[0]!;
    expect(stretch.lengthM).toBeCloseTo(30, 9);
    expect(stretch.coordinates[0]![0]).toBeCloseTo(ll(35, 0)[0], 10);
    expect(stretch.coordinates.at(-1)![0]).toBeCloseTo(ll(65, 0)[0], 10);
    expect(stretch.middle[0]).toBeCloseTo(ll(50, 0)[0], 10);
  });

  it('uses the dark distance of the road class: a lane lamp reaches less far', () => {
    // A lamp 3 m off each road's line at x = 50; main roads 25 m, back streets 15 m.
    // Lit: 2·√(25² − 3²) = 49.64 m on the main road, 2·√(15² − 3²) = 29.39 m on the lane.
    const result = darkStreets({
      roads: [road('main', 'main', [0, 0], [100, 0]), road('lane', 'back_street', [0, 200], [100, 200])],
      lamps: [lamp(50, 3), lamp(50, 203)],
      darkDistanceM: { main: 25, secondary: 25, branch: 20, back_street: 15 },
      segmentLengthM: 10,
      frame: FRAME,
    });
    expect(100 - result.roadDarkM[0]!).toBeCloseTo(2 * Math.sqrt(25 ** 2 - 9), 6);
    expect(100 - result.roadDarkM[1]!).toBeCloseTo(2 * Math.sqrt(15 ** 2 - 9), 6);
  });

  it('finds every road dark without a working lamp, and nothing dark without roads', () => {
    const noLamps = darkStreets({ roads: [road('R', 'branch', [0, 0], [40, 30])], lamps: [lamp(0, 0, 'faulty')], darkDistanceM: EVERY_CLASS(25), segmentLengthM: 25, frame: FRAME });
    expect(noLamps.roadDarkM[0]).toBeCloseTo(50, 6);
    expect(noLamps.stretches).toHaveLength(1);
    // The faulty lamp at the start reaches the first 25 m.
    expect(noLamps.faultyDarkM[0]).toBeCloseTo(25, 6);
    const noRoads = darkStreets({ roads: [], lamps: [lamp(0, 0)], darkDistanceM: EVERY_CLASS(25), segmentLengthM: 25, frame: FRAME });
    expect(noRoads.stretches).toEqual([]);
  });

  it('refuses a dark distance that is not positive', () => {
    expect(() => darkStreets({ roads: [], lamps: [], darkDistanceM: EVERY_CLASS(0), segmentLengthM: 25 })).toThrow(/positive/);
  });

  it('keeps lit + dark = road length within 0.1 % of turf.length on a seeded street mesh', () => {
    // A 1.2 km × 1.2 km mesh of wiggly streets with lamps dropped along them, some faulty.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const roads: RoadInput[] = [];
    const lamps: LampInput[] = [];
    for (let k = 0; k < 12; k++) {
      const pts: [number, number][] = [];
      for (let i = 0; i <= 24; i++) pts.push([i * 50, k * 100 + random() * 20]);
      roads.push(road(`E${k}`, (['main', 'secondary', 'branch', 'back_street'] as const)[k % 4]!, ...pts));
      for (let i = 0; i < 30; i++) {
        const x = random() * 1200;
        lamps.push(lamp(x, k * 100 + 10 + random() * 6, random() < 0.1 ? 'faulty' : 'working'));
      }
    }
    const result = darkStreets({ roads, lamps, darkDistanceM: EVERY_CLASS(25), segmentLengthM: 25, frame: FRAME });
    let lit = 0;
    let dark = 0;
    for (let i = 0; i < result.segments.count; i++) {
      lit += result.dark.litM[i]!;
      dark += result.dark.darkM[i]!;
      expect(result.dark.litM[i]! + result.dark.darkM[i]!).toBeCloseTo(result.segments.length[i]!, 9);
    }
    const turfTotal = roads.reduce((s, r) => s + turfLength(lineString(r.lines[0]!.map((p) => [p[0]!, p[1]!])), { units: 'meters' }), 0);
    expect(Math.abs(lit + dark - turfTotal) / turfTotal).toBeLessThan(0.001);
    // The drawn stretches add up to the dark metres.
    const drawn = result.stretches.reduce((s, d) => s + d.lengthM, 0);
    expect(Math.abs(drawn - dark)).toBeLessThan(0.05 * result.stretches.length + 1e-6);
    expect(dark).toBeGreaterThan(0);
    expect(lit).toBeGreaterThan(0);
  });
});
