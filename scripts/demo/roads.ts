/**
 * The real streets of the OSM extract, as the demo needs them: a name (or 无名路), a class that
 * drives lamp spacing and problem hotspots, and the OSM node ids that let ways meet at junctions.
 */
import type { OsmData } from '../osm/read-osm-xml';
import type { LonLat } from './local-frame';

/**
 * The lamp schedule groups of DOMAIN.md double as the road classes of the demo:
 * main (primary/secondary), branch (tertiary and the like), back_street (背街小巷).
 */
export const ROAD_GROUPS = ['main', 'branch', 'back_street'] as const;
export type RoadGroup = (typeof ROAD_GROUPS)[number];

export const UNNAMED_ROAD = '无名路';

const GROUP_OF_HIGHWAY: Record<string, RoadGroup> = {
  primary: 'main',
  secondary: 'main',
  tertiary: 'branch',
  unclassified: 'branch',
  residential: 'back_street',
  living_street: 'back_street',
  pedestrian: 'back_street',
};

export interface Road {
  wayId: number;
  name: string;
  highway: string;
  group: RoadGroup;
  nodeIds: number[];
  coords: LonLat[];
}

/**
 * Streets at ground level. Tunnels, underground layers and the elevated trunk road are left out:
 * they pass over or under blocks without bounding them. Slip roads (`*_link`) are left out too,
 * since they only cut slivers at junctions.
 */
export function roadsFromOsm(osm: OsmData): Road[] {
  const roads: Road[] = [];
  for (const way of osm.ways) {
    const highway = way.tags.highway;
    if (highway === undefined) continue;
    const group = GROUP_OF_HIGHWAY[highway];
    if (group === undefined) continue;
    if (way.tags.tunnel === 'yes' || Number(way.tags.layer ?? '0') < 0) continue;
    if (way.tags.area === 'yes') continue;
    const nodeIds: number[] = [];
    const coords: LonLat[] = [];
    for (const id of way.nodeIds) {
      const node = osm.nodes.get(id);
      if (!node) continue;
      // A way that revisits its previous node adds nothing.
      if (nodeIds[nodeIds.length - 1] === id) continue;
      nodeIds.push(id);
      coords.push([node.lon, node.lat]);
    }
    if (nodeIds.length < 2) continue;
    roads.push({ wayId: way.id, name: way.tags.name?.trim() || UNNAMED_ROAD, highway, group, nodeIds, coords });
  }
  // OSM order is already stable, but sort by id so a re-exported extract gives the same result.
  roads.sort((a, b) => a.wayId - b.wayId);
  return roads;
}

/** Main and branch roads bound the big blocks that communities are made of. */
export function isMajorGroup(group: RoadGroup): boolean {
  return group === 'main' || group === 'branch';
}
