/**
 * What the office's grid register says about each unit: community names and the department that
 * adopts it, grid names, grid chiefs, households and merchants. Level-5 counts come from the
 * buildings and merchants inside; level-4 counts are the sums of their level-5 grids, so the
 * hierarchy always adds up.
 */
import type { Area, Community, GridL4, GridL5 } from '../../src/contract';
import type { GridGeometry, GridL4Geometry, GridL5Geometry, CommunityGeometry } from './grids';
import { areaName, chineseNumeral, communityName, PersonNamer } from './names';
import type { Rng } from './random';
import { ADOPTING_DEPARTMENTS } from './tables';
import type { PolygonCoords } from './planar-graph';

export interface GridRecords {
  areas: Area[];
  communities: (Community & { geometry: PolygonCoords })[];
  gridsL4: (GridL4 & { geometry: PolygonCoords })[];
  gridsL5: (GridL5 & { geometry: PolygonCoords })[];
}

export function describeGrids(input: {
  grids: GridGeometry;
  /** Merchants in each cell. */
  merchantsOfCell: readonly number[];
  rng: Rng;
}): GridRecords {
  const { grids } = input;
  const people = new PersonNamer(input.rng.fork('grid-chiefs'));
  const adopters = input.rng.fork('adopters').shuffle(ADOPTING_DEPARTMENTS);
  const merchantsOf = (g: GridL5Geometry): number => g.cells.reduce((s, c) => s + (input.merchantsOfCell[c] ?? 0), 0);

  const areas: Area[] = grids.areas.map((a, i) => ({ code: a.code, name: areaName(i, grids.areas.length) }));
  const communities = grids.communities.map((c: CommunityGeometry, i) => ({
    code: c.code,
    name: communityName(i),
    area_code: c.areaCode,
    kind: 'community' as const,
    adopting_dept: adopters[i % adopters.length] as string,
    geometry: c.outline,
  }));
  const nameOfCommunity = new Map(communities.map((c) => [c.code, c.name]));

  const gridsL4: GridRecords['gridsL4'] = [];
  const gridsL5: GridRecords['gridsL5'] = [];
  for (const grid of grids.gridsL4 as GridL4Geometry[]) {
    // The level-4 chief also heads an undivided grid's single level-5 grid (one person, two hats).
    const chief = people.next();
    let households = 0;
    let merchants = 0;
    for (const child of grid.children) {
      const m = merchantsOf(child);
      households += child.households;
      merchants += m;
      gridsL5.push({
        code: child.code,
        grid_code: grid.code,
        chief: grid.children.length === 1 ? chief : people.next(),
        households: child.households,
        merchants: m,
        geometry: child.outline,
      });
    }
    gridsL4.push({
      code: grid.code,
      community_code: grid.communityCode,
      name: `${nameOfCommunity.get(grid.communityCode) ?? ''}第${chineseNumeral(grid.sequence)}网格`,
      chief,
      households,
      merchants,
      geometry: grid.outline,
    });
  }
  return { areas, communities, gridsL4, gridsL5 };
}
