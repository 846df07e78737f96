/**
 * Road classes from OpenStreetMap `highway` tags, for an office without a road register (the
 * pipeline then takes the basemap's streets) and for the demo's register, which is made from the
 * same streets. Trunk and primary roads are 主干路, secondary 次干路, tertiary and unclassified 支路,
 * residential streets, living streets and pedestrian lanes 背街小巷. Service ways, footpaths and
 * slip roads are not public streets the office lights, so they have no class.
 */
import type { RoadGrade } from '../../contract';

export const ROAD_GRADE_OF_HIGHWAY: Readonly<Record<string, RoadGrade>> = {
  trunk: 'main',
  primary: 'main',
  secondary: 'secondary',
  tertiary: 'branch',
  unclassified: 'branch',
  residential: 'back_street',
  living_street: 'back_street',
  pedestrian: 'back_street',
};

export interface OsmWayTags {
  [key: string]: string | undefined;
}

/**
 * The class of an OSM way, or null when it is not a street at ground level the office lights:
 * tunnels and underground layers are lit by whoever runs them, area highways are squares.
 */
export function roadGradeOfOsmWay(tags: OsmWayTags): RoadGrade | null {
  const grade = tags.highway === undefined ? undefined : ROAD_GRADE_OF_HIGHWAY[tags.highway];
  if (grade === undefined) return null;
  if (tags.tunnel === 'yes' || Number(tags.layer ?? '0') < 0 || tags.area === 'yes') return null;
  return grade;
}
