/**
 * The vector layers of renovation.pmtiles: compounds (with when they reached each status, so the
 * workspace's timeline can colour them for any month with a style expression), road works (lines,
 * with length and dates), public-space works (polygons, with area) and demonstration sites
 * (points). Properties are the contract's *TileProps.
 */
import type { Feature, Geometry } from 'geojson';
import type {
  CompoundTileProps,
  DemonstrationSiteTileProps,
  PublicSpaceWorkTileProps,
  RoadWorkTileProps,
} from '../../../src/contract';
import type { TileLayerInput } from '../../tiling/vector-tiles';
import type { DerivedData } from '../derive';
import type { ValidInputs } from '../validate';
import type { RenovationDerived } from './derive-renovation';

const seconds = (ms: number): number => Math.floor(ms / 1000);
const TIME_PROPS = ['t_planned', 't_approved', 't_started', 't_completed', 't_accepted'] as const;

function feature<P extends object>(id: number, geometry: Geometry, properties: P): Feature<Geometry, P> {
  return { type: 'Feature', id, geometry, properties };
}

/** Optional epoch-second properties: absent (not 0) when unknown, so a style reads "never". */
function times<K extends string>(entries: [K, number | null][]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [key, ms] of entries) if (ms !== null) out[key] = seconds(ms);
  return out;
}

export function renovationTileLayers(input: ValidInputs, derived: DerivedData, renovation: RenovationDerived): TileLayerInput[] {
  const { tiles } = renovation;
  const compounds = input.compounds.map((c, i) => {
    const reach = tiles.compoundReach[i]!;
    const props: CompoundTileProps = {
      id: c.value.id,
      name: c.value.name,
      built_year: c.value.built_year,
      households: c.value.households,
      buildings: c.value.buildings,
      pm: c.value.property_management,
      old: derived.compoundOld[i]!,
      status: derived.compoundStatus[i]!,
      projects: derived.compoundProjects[i]!.join(';'),
      grid: derived.compoundGrid[i]!,
      ...times(TIME_PROPS.map((key, k) => [key, reach[k] ?? null])),
    };
    return feature(i + 1, c.geometry, props);
  });
  const roadWorks = input.roadWorks.map((r, i) => {
    const dates = tiles.roadWorkDates[i]!;
    return feature<RoadWorkTileProps>(i + 1, r.geometry, {
      id: r.value.id,
      name: r.value.name,
      year: r.value.year,
      status: r.value.status,
      budget_wan: r.value.budget_wan,
      length_m: Math.round(renovation.product.roadWorks[i]!.amount),
      ...times([
        ['started', dates.started],
        ['completed', dates.completed],
      ]),
    });
  });
  const publicSpaceWorks = input.publicSpaceWorks.map((w, i) => {
    const t = tiles.publicSpaceWorks[i]!;
    return feature<PublicSpaceWorkTileProps>(i + 1, w.geometry, {
      id: w.value.id,
      name: w.value.name,
      kind: w.value.kind,
      year: w.value.year,
      status: w.value.status,
      budget_wan: w.value.budget_wan,
      area_m2: Math.round(t.areaM2),
      ...times([
        ['started', t.started],
        ['completed', t.completed],
      ]),
    });
  });
  const sites = input.demonstrationSites.map((s, i) =>
    feature<DemonstrationSiteTileProps>(i + 1, s.geometry, {
      id: s.value.id,
      name: s.value.name,
      theme: s.value.theme,
      opened: seconds(s.value.opened_at),
      compound: s.value.compound_id,
    }),
  );
  return [
    { name: 'compounds', features: compounds },
    { name: 'road_works', features: roadWorks },
    { name: 'public_space_works', features: publicSpaceWorks },
    { name: 'demonstration_sites', features: sites },
  ];
}
