/**
 * The lighting settings of a dataset: defaults in one place, each with why, and the config's
 * `lighting` section laid over them. A mistake in the section stops the build naming the key.
 */
import { ROAD_GRADES, type DatasetConfig, type LightingSettings, type RoadGrade } from '../../../src/contract';
import { isKnownTimeZone } from '../../../src/analysis/lighting/civil-time';
import { InputFileError } from '../errors';

export const LIGHTING_DEFAULTS = {
  /** China has one zone and no daylight saving; schedules are written on its clocks. */
  timeZone: 'Asia/Shanghai',
  /** A road stretch farther than this from every working lamp is dark (issue 5: 25 m by default, per class when set). */
  darkDistanceM: 25,
  /**
   * Segments for the spatial queries and the per-grid shares: at 25 m a lamp query looks at most
   * 37.5 m around a segment's middle, and road length is shared out between grids to within 12.5 m.
   */
  segmentLengthM: 25,
  /**
   * Roads along the sub-district's edge are drawn on the boundary line, a hair to either side; a
   * piece up to this far outside still counts. Less than half a street's width.
   */
  boundaryToleranceM: 10,
} as const;

export function lightingSettings(config: DatasetConfig, configPath: string): LightingSettings {
  const section = (config.lighting ?? {}) as Record<string, unknown>;
  const fail = (key: string, expected: string): never => {
    throw new InputFileError(configPath, `"lighting.${key}" ${expected}`);
  };
  const known = ['timeZone', 'darkDistanceM', 'segmentLengthM', 'boundaryToleranceM'];
  const unknown = Object.keys(section).find((k) => !known.includes(k));
  if (unknown !== undefined) fail(unknown, `is not a lighting setting; expected one of ${known.join(', ')} (the road and schedule files go in "files.roads" and "files.lightingSchedules")`);

  const timeZone = section.timeZone ?? LIGHTING_DEFAULTS.timeZone;
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) fail('timeZone', `must be an IANA time zone such as "Asia/Shanghai"; got ${JSON.stringify(timeZone)}`);

  const positive = (key: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) fail(key, `must be a positive number of metres; got ${JSON.stringify(value)}`);
    return value as number;
  };
  const distance = section.darkDistanceM;
  let darkDistanceM: Record<RoadGrade, number>;
  if (distance === undefined || typeof distance === 'number') {
    const d = positive('darkDistanceM', distance, LIGHTING_DEFAULTS.darkDistanceM);
    darkDistanceM = Object.fromEntries(ROAD_GRADES.map((g) => [g, d])) as Record<RoadGrade, number>;
  } else if (typeof distance === 'object' && distance !== null && !Array.isArray(distance)) {
    const byClass = distance as Record<string, unknown>;
    const stray = Object.keys(byClass).find((k) => !(ROAD_GRADES as readonly string[]).includes(k));
    if (stray !== undefined) fail(`darkDistanceM.${stray}`, `is not a road class; expected ${ROAD_GRADES.join(', ')}`);
    darkDistanceM = Object.fromEntries(ROAD_GRADES.map((g) => [g, positive(`darkDistanceM.${g}`, byClass[g], LIGHTING_DEFAULTS.darkDistanceM)])) as Record<RoadGrade, number>;
  } else {
    return fail('darkDistanceM', `must be metres, or metres per road class such as { "main": 25, "back_street": 15 }; got ${JSON.stringify(distance)}`);
  }
  return {
    timeZone: timeZone as string,
    darkDistanceM,
    segmentLengthM: positive('segmentLengthM', section.segmentLengthM, LIGHTING_DEFAULTS.segmentLengthM),
    boundaryToleranceM: section.boundaryToleranceM === 0 ? 0 : positive('boundaryToleranceM', section.boundaryToleranceM, LIGHTING_DEFAULTS.boundaryToleranceM),
  };
}
