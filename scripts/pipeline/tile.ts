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
import { basemapLayers } from '../osm/basemap-features';
import { packTile, packTileAsync, type StoredTile } from '../tiling/pmtiles-writer';
import { TileSpill } from '../tiling/tile-spill';
import { describePointLayers, pointTiles, PointTable, type PointLayerInput } from '../tiling/point-tiles';
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
  /** Gzipped as they are cut (packTile), so an archive's uncompressed MVT is never held whole; the problems' on disk. */
  tiles: StoredTile[];
  /** Frees what holds the tiles (the problems archive's spill file) once the archive is written. */
  release?: () => void;
  vectorLayers: VectorLayerDescription[];
  featureCounts: Record<string, number>;
  minzoom: number;
  maxzoom: number;
}

/** Archives cut from GeoJSON through geojson-vt; the problems archive is points only (problemLayers). */
export type GeometryArchiveName = Exclude<ArchiveName, 'problems'>;

export function buildArchiveLayers(
  input: ValidInputs,
  derived: DerivedData,
  bounds: [number, number, number, number],
  renovation: RenovationDerived,
): Record<GeometryArchiveName, TileLayerInput[]> {
  return {
    basemap: basemapTileLayers(input, bounds),
    grids: gridLayers(input, derived),
    renovation: renovationTileLayers(input, derived, renovation),
    lamps: [{ name: 'lamps', features: lampFeatures(input, derived) }],
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
  checkContractLayers(name, layers);
  const tiles = encodeVectorTiles(layers, zooms);
  return {
    name,
    tiles: (tiles.length > 0 ? tiles : emptyArchiveTiles(zooms.minzoom, center)).map(packTile),
    vectorLayers: describeVectorLayers(layers, zooms),
    featureCounts: Object.fromEntries(layers.map((l) => [l.name, l.features.length])),
    ...zooms,
  };
}

/** Uncompressed tile bytes that may wait for the thread pool's gzip while the next tiles are cut. */
export const PENDING_GZIP_BYTES = 64 * 2 ** 20;

/**
 * An archive of point layers only, cut by the point tiler (tiling/point-tiles.ts), not geojson-vt.
 * Each tile is gzipped on the thread pool while the next is cut (at 1M problems the gzip is as long
 * as the cutting), with at most PENDING_GZIP_BYTES of cut tiles waiting, so memory stays bounded.
 * Tiles finish in any order; the archive writer sorts them by tile id.
 */
export async function tilePointArchive(name: ArchiveName, layers: PointLayerInput[], center: [number, number], spillDir?: string): Promise<ArchiveTiles> {
  const zooms = ARCHIVE_ZOOMS[name];
  checkContractLayers(name, layers);
  const tiles: StoredTile[] = [];
  // Each packed tile goes to disk until the write stage (tiling/tile-spill.ts).
  const spill = new TileSpill(name, spillDir);
  const pending = new Set<Promise<void>>();
  let pendingBytes = 0;
  try {
    for (const tile of pointTiles(layers, zooms)) {
      while (pendingBytes > PENDING_GZIP_BYTES && pending.size > 0) await Promise.race(pending);
      const bytes = tile.data.byteLength;
      pendingBytes += bytes;
      const done: Promise<void> = packTileAsync(tile).then((packed) => {
        tiles.push(spill.store(packed));
        pendingBytes -= bytes;
        pending.delete(done);
      });
      pending.add(done);
    }
    await Promise.all(pending);
  } catch (error) {
    spill.close();
    throw error;
  }
  return {
    name,
    release: () => spill.close(),
    tiles: tiles.length > 0 ? tiles : emptyArchiveTiles(zooms.minzoom, center).map(packTile),
    vectorLayers: describePointLayers(layers, zooms),
    featureCounts: Object.fromEntries(layers.map((l) => [l.name, l.table.count])),
    ...zooms,
  };
}

function checkContractLayers(name: ArchiveName, layers: readonly { name: string }[]): void {
  const expected = ARCHIVES[name].layers as readonly string[];
  const unknown = layers.find((l) => !expected.includes(l.name));
  if (unknown) throw new Error(`archive ${name} has no layer "${unknown.name}" in the contract (src/contract/tiles.ts)`);
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

/** The heat layer's properties, in the order tiles list them. */
const PROBLEM_HEAT_KEYS = ['major', 'status', 'overdue', 'severity', 'reported'] as const satisfies readonly (keyof ProblemHeatTileProps)[];
/** The street-zoom layer's properties, in the order tiles list them. */
const PROBLEM_KEYS = ['id', 'cat', 'major', 'status', 'nature', 'dept', 'reported', 'deadline', 'overdue', 'severity', 'grid', 'desc'] as const satisfies readonly (keyof ProblemTileProps)[];

/**
 * The problems archive: a lean heat layer over every problem from the archive's minzoom, and the
 * full ProblemTileProps from PROBLEM_DETAIL_MINZOOM. Both read one PointTable of the kept problems
 * (feature id = row index + 1), so nothing is built per problem beyond its interned values.
 */
export function problemLayers(input: ValidInputs, derived: DerivedData): PointLayerInput[] {
  const problems = input.problems;
  // Per interned category (the table's code list), not per problem: severity and major class.
  const severityByCode = new Map(input.categories.map((c) => [c.code, c.severity]));
  const severity = problems.categories.values.map((code) => severityByCode.get(code) ?? 1);
  const major = problems.categories.values.map((code) => code.slice(0, 2));
  // Every tile property has an accessor here, typed by the contract: a renamed field fails tsc.
  const properties: { [K in keyof ProblemTileProps]: (i: number) => ProblemTileProps[K] } = {
    id: (i) => problems.id[i]!,
    cat: (i) => problems.categoryCode(i),
    major: (i) => major[problems.category[i]!]!,
    status: (i) => problems.statusOf(i),
    nature: (i) => problems.natures.values[problems.nature[i]!]!,
    dept: (i) => problems.departments.values[problems.department[i]!]!,
    reported: (i) => seconds(problems.reported[i]!),
    deadline: (i) => seconds(problems.deadline[i]!),
    overdue: (i) => (derived.problemOverdue[i] === 1 ? 1 : 0),
    // Severity comes from the category table; validate guaranteed every code exists.
    severity: (i) => severity[problems.category[i]!]!,
    grid: (i) => derived.problemGrid[i]!,
    desc: (i) => {
      const text = problems.description[i]!;
      return text.length > TILE_DESCRIPTION_CHARS ? `${text.slice(0, TILE_DESCRIPTION_CHARS)}…` : text;
    },
  };
  const table = new PointTable({ count: problems.length, lon: (i) => problems.lon[i]!, lat: (i) => problems.lat[i]!, id: (i) => i + 1, properties });
  return [
    { name: 'problems_heat', table, keys: PROBLEM_HEAT_KEYS },
    { name: 'problems', table, keys: PROBLEM_KEYS, minzoom: PROBLEM_DETAIL_MINZOOM },
  ];
}
