/**
 * `darkStreets(...)`: roads and lamps in, dark stretches and figures out. Segments the roads,
 * derives lit and dark parts against the working lamps, joins dark stretches and credits each
 * faulty lamp with the dark metres it leaves. The pipeline, the benchmark and the tests call this
 * one function; each step is its own module (road-segments.ts, dark-segments.ts).
 */
import type { LampStatus, RoadGrade } from '../../contract';
import { darkStretches, deriveDarkness, lampPoints, radiusByRoad, type DarkResult, type DarkStretch } from './dark-segments';
import { segmentRoads, type BoundaryClip, type RoadInput, type RoadSegments } from './road-segments';
import type { MetricFrame } from './metric-frame';

export interface LampInput {
  lon: number;
  lat: number;
  status: LampStatus;
}

export interface DarkStreetsInput {
  roads: readonly RoadInput[];
  lamps: readonly LampInput[];
  /** Dark distance per road class, metres. */
  darkDistanceM: Record<RoadGrade, number>;
  segmentLengthM: number;
  clip?: BoundaryClip;
  frame?: MetricFrame;
}

export interface DarkStreetsResult {
  segments: RoadSegments;
  dark: DarkResult;
  stretches: DarkStretch[];
  /** Per input road: metres kept (inside the boundary), lit and dark. */
  roadLengthM: Float64Array;
  roadDarkM: Float64Array;
  /** Per input lamp: dark metres within its reach if it is faulty, else 0. */
  faultyDarkM: Float64Array;
  /** Milliseconds per step, for the benchmark. */
  timings: { segment: number; derive: number; stretches: number };
}

export function darkStreets(input: DarkStreetsInput): DarkStreetsResult {
  for (const [cls, d] of Object.entries(input.darkDistanceM)) {
    if (!(d > 0)) throw new RangeError(`dark distance for ${cls} must be a positive number of metres, got ${d}`);
  }
  const t0 = performance.now();
  const segments = segmentRoads(input.roads, { maxLengthM: input.segmentLengthM, clip: input.clip, frame: input.frame });
  const t1 = performance.now();
  const workingAt: number[][] = [];
  const faultyAt: number[][] = [];
  const faultyIndex: number[] = [];
  input.lamps.forEach((l, i) => {
    if (l.status === 'working') workingAt.push([l.lon, l.lat]);
    else if (l.status === 'faulty') {
      faultyAt.push([l.lon, l.lat]);
      faultyIndex.push(i);
    }
  });
  const dark = deriveDarkness(
    segments,
    lampPoints(segments.frame, workingAt),
    lampPoints(segments.frame, faultyAt),
    radiusByRoad(
      input.roads.map((r) => r.class),
      input.darkDistanceM,
    ),
  );
  const t2 = performance.now();
  const stretches = darkStretches(segments, dark);
  const roadDarkM = new Float64Array(input.roads.length);
  for (let i = 0; i < segments.count; i++) roadDarkM[segments.road[i]!]! += dark.darkM[i]!;
  const faultyDarkM = new Float64Array(input.lamps.length);
  faultyIndex.forEach((lampIndex, k) => (faultyDarkM[lampIndex] = dark.faultyDarkM[k]!));
  const t3 = performance.now();
  return {
    segments,
    dark,
    stretches,
    roadLengthM: segments.roadLengthM,
    roadDarkM,
    faultyDarkM,
    timings: { segment: t1 - t0, derive: t2 - t1, stretches: t3 - t2 },
  };
}
