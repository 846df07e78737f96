/**
 * Stage 5, tile: turn the kept, derived records into the vector layers of each archive
 * (ARCHIVES in src/contract/tiles.ts) and cut them into MVT tiles. Tile properties are the
 * contract's *TileProps, so the app's style and popups read exactly what is written here.
 */
import type { Feature, Geometry } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import {
  ARCHIVES,
  type ArchiveName,
  type CommunityTileProps,
  type GridL4TileProps,
  type GridL5TileProps,
  type GridTileProps,
  type LampTileProps,
  type ProblemHeatTileProps,
  type ProblemTileProps,
  PROBLEM_DETAIL_MINZOOM,
} from '../../src/contract';
import { isOverdue } from '../../src/analysis/ledger-status';
import { basemapLayers } from '../osm/basemap-features';
import { describeVectorLayers, encodeVectorTiles, type EncodedTile, type TileLayerInput, type VectorLayerDescription } from '../tiling/vector-tiles';
import { gridMetric, type CellFigures, type DerivedData } from './derive';
import { renovationTileLayers } from './renovation/tile-layers';
import type { RenovationDerived } from './renovation/derive-renovation';
import type { ValidInputs } from './validate';

/** Zoom ranges per archive: the sub-district fits a screen at about z13, a street at z16+. */
export const ARCHIVE_ZOOMS: Record<ArchiveName, { minzoom: number; maxzoom: number }> = {
  /** From city level, so the sub-district can be placed in its surroundings. */
  basemap: { minzoom: 10, maxzoom: 16 },
  grids: { minzoom: 10, maxzoom: 16 },
  /** Compounds are a few hundred metres across: nothing to see below z11. */
  renovation: { minzoom: 11, maxzoom: 16 },
  /** Lamps are 30–40 m apart; below z12 they are noise (the choropleth carries the figure). */
  lamps: { minzoom: 12, maxzoom: 16 },
  problems: { minzoom: 10, maxzoom: 16 },
};

/** Longest description kept in a tile; the popup shows this much, the full text stays in the ledger. */
export const TILE_DESCRIPTION_CHARS = 200;
/** How far past the sub-district the basemap reaches, in degrees (≈1 km), so its edge is not a cliff. */
export const BASEMAP_MARGIN_DEG = 0.01;

export interface ArchiveTiles {
  name: ArchiveName;
  tiles: EncodedTile[];
  vectorLayers: VectorLayerDescription[];
  featureCounts: Record<string, number>;
  minzoom: number;
  maxzoom: number;
}

export function buildArchiveLayers(
  input: ValidInputs,
  derived: DerivedData,
  bounds: [number, number, number, number],
  renovation: RenovationDerived,
): Record<ArchiveName, TileLayerInput[]> {
  return {
    basemap: basemapTileLayers(input, bounds),
    grids: gridLayers(input, derived),
    renovation: renovationTileLayers(input, derived, renovation),
    lamps: [{ name: 'lamps', features: lampFeatures(input, derived) }],
    problems: problemLayers(input, derived),
  };
}

/**
 * An archive with no features still has to exist (the app loads every archive the manifest names,
 * and PMTiles 3 forbids an empty directory), so it gets one empty tile at its lowest zoom.
 */
function emptyArchiveTiles(minzoom: number, center: [number, number]): EncodedTile[] {
  const n = 2 ** minzoom;
  const x = Math.floor(((center[0] + 180) / 360) * n);
  const lat = (center[1] * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
  return [{ z: minzoom, x, y, data: new Uint8Array(0) }];
}

export function tileArchive(name: ArchiveName, layers: TileLayerInput[], center: [number, number]): ArchiveTiles {
  const zooms = ARCHIVE_ZOOMS[name];
  const expected = ARCHIVES[name].layers as readonly string[];
  const unknown = layers.find((l) => !expected.includes(l.name));
  if (unknown) throw new Error(`archive ${name} has no layer "${unknown.name}" in the contract (src/contract/tiles.ts)`);
  const tiles = encodeVectorTiles(layers, zooms);
  return {
    name,
    tiles: tiles.length > 0 ? tiles : emptyArchiveTiles(zooms.minzoom, center),
    vectorLayers: describeVectorLayers(layers, zooms),
    featureCounts: Object.fromEntries(layers.map((l) => [l.name, l.features.length])),
    ...zooms,
  };
}

function feature<P extends object>(id: number, geometry: Geometry, properties: P): Feature<Geometry, P> {
  return { type: 'Feature', id, geometry, properties };
}

function basemapTileLayers(input: ValidInputs, [w, s, e, n]: [number, number, number, number]): TileLayerInput[] {
  const layers = basemapLayers(input.osm, {
    bbox: [w - BASEMAP_MARGIN_DEG, s - BASEMAP_MARGIN_DEG, e + BASEMAP_MARGIN_DEG, n + BASEMAP_MARGIN_DEG],
  });
  return (['landuse', 'water', 'roads', 'buildings', 'places'] as const).map((name) => ({ name, features: layers[name] }));
}

function cellProps(code: string, name: string, level: GridTileProps['level'], chief: string, figures: CellFigures): GridTileProps {
  return {
    code,
    name,
    level,
    chief,
    households: figures.households,
    merchants: figures.merchants,
    open_problems: figures.open_problems,
    problems_per_100hh: gridMetric(figures, 'problems_per_100hh'),
    // Whole households: a straddling compound's are split over grids by area (fractional in derive).
    old_households: Math.round(figures.old_households),
    renovation_coverage: gridMetric(figures, 'renovation_coverage'),
  };
}

function gridLayers(input: ValidInputs, derived: DerivedData): TileLayerInput[] {
  const figures = (code: string): CellFigures => derived.cells.get(code)!;
  const sub = input.config.subDistrict;
  const subdistrict = [feature(1, input.boundary.geometry, cellProps(sub.code, sub.name, 'subdistrict', '', figures(sub.code)))];
  const communities = input.communities.map((c, i) =>
    feature<CommunityTileProps>(i + 1, c.geometry, { ...cellProps(c.value.code, c.value.name, 'community', '', figures(c.value.code)), area: c.value.area_code, adopting_dept: c.value.adopting_dept }),
  );
  const gridsL4 = input.gridsL4.map((g, i) =>
    feature<GridL4TileProps>(i + 1, g.geometry, { ...cellProps(g.value.code, g.value.name, 'l4', g.value.chief, figures(g.value.code)), community: g.value.community_code }),
  );
  const gridsL5 = input.gridsL5.map((g, i) =>
    feature<GridL5TileProps>(i + 1, g.geometry, { ...cellProps(g.value.code, g.value.code.slice(-2) === '00' ? `${g.value.code.slice(-5, -2)}` : g.value.code.slice(-5), 'l5', g.value.chief, figures(g.value.code)), grid: g.value.grid_code }),
  );
  // Labels as points inside each cell, so MapLibre places one label per cell, not one per tile.
  const labels = [
    ...input.communities.map((c) => ({ code: c.value.code, name: c.value.name, level: 'community', geometry: c.geometry, _minzoom: 10 })),
    ...input.gridsL4.map((g) => ({ code: g.value.code, name: g.value.name, level: 'l4', geometry: g.geometry, _minzoom: 14 })),
  ].map((l, i) => feature(i + 1, pointOnFeature(l.geometry).geometry, { code: l.code, name: l.name, level: l.level, _minzoom: l._minzoom }));
  return [
    { name: 'subdistrict', features: subdistrict },
    { name: 'communities', features: communities },
    { name: 'grids_l4', features: gridsL4 },
    { name: 'grids_l5', features: gridsL5, minzoom: 12 },
    { name: 'grid_labels', features: labels },
  ];
}

function lampFeatures(input: ValidInputs, derived: DerivedData): Feature[] {
  return input.lamps.map((l, i) => {
    const props: LampTileProps = {
      id: l.value.id,
      type: l.value.type,
      status: l.value.status,
      power_w: l.value.power_w,
      road: l.value.road,
      install_year: l.value.install_year,
      group: l.value.schedule_group,
      grid: derived.lampGrid[i]!,
    };
    return feature(i + 1, l.geometry, props);
  });
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

function problemLayers(input: ValidInputs, derived: DerivedData): TileLayerInput[] {
  const full = problemFeatures(input, derived);
  const heat = full.map((f) => {
    const { major, status, overdue, severity, reported } = f.properties as ProblemTileProps;
    const props: ProblemHeatTileProps = { major, status, overdue, severity, reported };
    return { ...f, properties: props };
  });
  return [
    { name: 'problems_heat', features: heat },
    { name: 'problems', features: full, minzoom: PROBLEM_DETAIL_MINZOOM },
  ];
}

function problemFeatures(input: ValidInputs, derived: DerivedData): Feature[] {
  const severity = new Map<string, number>();
  // Severity comes from the category table; validate guaranteed every code exists.
  return input.problems.map((p, i) => {
    const v = p.value;
    const props: ProblemTileProps = {
      id: v.id,
      cat: v.category_code,
      major: v.category_code.slice(0, 2),
      status: v.status,
      nature: v.nature,
      dept: v.department_code,
      reported: seconds(v.reported_at),
      deadline: seconds(v.deadline),
      overdue: isOverdue(v, derived.asOf) ? 1 : 0,
      severity: severity.get(v.category_code) ?? categorySeverity(input, v.category_code, severity),
      grid: derived.problemGrid[i]!,
      desc: v.description.length > TILE_DESCRIPTION_CHARS ? `${v.description.slice(0, TILE_DESCRIPTION_CHARS)}…` : v.description,
    };
    return feature(i + 1, { type: 'Point', coordinates: [v.lon, v.lat] }, props);
  });
}

function categorySeverity(input: ValidInputs, code: string, cache: Map<string, number>): number {
  const value = input.categories.find((c) => c.code === code)?.severity ?? 1;
  cache.set(code, value);
  return value;
}
