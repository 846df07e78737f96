/**
 * The demo world: the real ground read from OSM (roads, buildings, land use, the sub-district,
 * its cells and grids) plus the seeded overlay that problems are laid on (compounds, merchants,
 * lamps). Built once and shared by the demo files and by `generateProblems` for benchmarks.
 */
import { readOsmXml } from '../osm/read-osm-xml';
import type { OsmData } from '../osm/read-osm-xml';
import type { StreetIndex } from './addresses';
import { buildStreetIndex } from './addresses';
import type { Building, LandArea } from './buildings';
import { buildingsFromOsm, landAreasFromOsm } from './buildings';
import type { CompoundRecord } from './compounds';
import { buildCompounds } from './compounds';
import type { Geography } from './geography';
import { buildGeography } from './geography';
import type { GridGeometry } from './grids';
import { partitionGrids } from './grids';
import type { LampPlan } from './lamps';
import { placeLamps } from './lamps';
import { localFrame } from './local-frame';
import type { Merchant } from './merchants';
import { placeMerchants } from './merchants';
import { Rng } from './random';
import type { Road } from './roads';
import { roadsFromOsm } from './roads';

export const DEFAULT_OSM_PATH = 'data/osm/nanjing-central.osm.xml';
export const DEMO_SUBDISTRICT_CODE = '320102099';

export interface DemoWorld {
  seed: number;
  subDistrictCode: string;
  osm: OsmData;
  roads: Road[];
  land: LandArea[];
  buildings: Building[];
  geo: Geography;
  streets: StreetIndex;
  grids: GridGeometry;
  householdsOfCell: number[];
  compounds: CompoundRecord[];
  merchants: Merchant[];
  merchantsOfCell: number[];
  lamps: LampPlan;
}

export function buildDemoWorld(input: { seed: number; osm?: OsmData; osmPath?: string; subDistrictCode?: string }): DemoWorld {
  const osm = input.osm ?? readOsmXml(input.osmPath ?? DEFAULT_OSM_PATH);
  const subDistrictCode = input.subDistrictCode ?? DEMO_SUBDISTRICT_CODE;
  const rng = new Rng(input.seed);
  const roads = roadsFromOsm(osm);
  if (roads.length === 0) throw new Error('buildDemoWorld: the OSM extract has no streets (highway=primary…living_street)');
  // The metre frame is centred on the streets, which is where the sub-district will be.
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const r of roads) {
    for (const [lon, lat] of r.coords) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const frame = localFrame((minLon + maxLon) / 2, (minLat + maxLat) / 2);
  const land = landAreasFromOsm(osm, frame);
  const buildings = buildingsFromOsm(osm, frame, land);
  const geo = buildGeography({ frame, roads, buildingPoints: buildings.map((b) => b.centroid) });
  if (geo.cells.length === 0) throw new Error('buildDemoWorld: the streets of the OSM extract enclose no block');
  const streets = buildStreetIndex(roads, frame);

  const householdsOfCell = geo.cells.map(() => 0);
  for (const b of buildings) {
    if (!b.residential) continue;
    const c = geo.cellAt(b.centroid);
    if (c >= 0) householdsOfCell[c] = (householdsOfCell[c] as number) + b.households;
  }
  const grids = partitionGrids(geo, subDistrictCode, householdsOfCell);
  const compounds = buildCompounds({ geo, buildings, land, streets, rng: rng.fork('compounds') });
  const merchants = placeMerchants({ osm, geo, land, rng: rng.fork('merchants') });
  const merchantsOfCell = geo.cells.map(() => 0);
  for (const m of merchants) {
    const c = geo.cellAt(m.xy);
    if (c >= 0) merchantsOfCell[c] = (merchantsOfCell[c] as number) + 1;
  }
  const lamps = placeLamps({ geo, rng: rng.fork('lamps') });
  return { seed: input.seed, subDistrictCode, osm, roads, land, buildings, geo, streets, grids, householdsOfCell, compounds, merchants, merchantsOfCell, lamps };
}
