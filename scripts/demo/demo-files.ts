/**
 * Lays the demo records out as the office's input files of docs/DATA-FORMATS.md: the GeoJSON
 * properties and CSV columns of the contract, in its order, coordinates at 6 decimals.
 */
import type { DatasetFileKey, OptionalDatasetFileKey } from '../../src/contract';
import type { DemonstrationSiteRecord } from './demonstration-sites';
import type { PublicSpaceRecord } from './public-space';
import { renovationFileTexts } from './renovation-files';
import type { CompoundRecord } from './compounds';
import type { GridRecords } from './grid-records';
import type { LampRecord } from './lamps';
import type { LonLat } from './local-frame';
import { round6 } from './local-frame';
import type { PolygonCoords } from './planar-graph';
import type { ProblemRow } from './problems';
import { PROBLEM_COLUMNS } from './problems';
import type { ProjectRecord } from './projects';
import type { RoadWorkRecord } from './road-works';
import { CATEGORIES, DEPARTMENTS, RENOVATION_ITEMS } from './tables';
import { csvText, featureCollectionText } from './write';

export interface DemoRecords {
  subDistrict: { code: string; name: string };
  boundary: PolygonCoords;
  grids: GridRecords;
  compounds: readonly CompoundRecord[];
  projects: readonly ProjectRecord[];
  roadWorks: readonly RoadWorkRecord[];
  publicSpaceWorks: readonly PublicSpaceRecord[];
  demonstrationSites: readonly DemonstrationSiteRecord[];
  lamps: readonly LampRecord[];
  problems: readonly ProblemRow[];
  /** The street-lighting layers, already laid out by lighting.ts (road register and schedule table). */
  lightingTexts: { roads: string; lightingSchedules: string };
}

/** File text by dataset key (every key but the config itself). */
export function demoFileTexts(r: DemoRecords): Record<DatasetFileKey, string> & Partial<Record<OptionalDatasetFileKey, string>> {
  return {
    ...renovationFileTexts(r),
    ...r.lightingTexts,
    boundary: featureCollectionText([{ properties: { code: r.subDistrict.code, name: r.subDistrict.name }, geometry: polygonGeometry(r.boundary) }]),
    areas: csvText(['code', 'name'], r.grids.areas.map((a) => ({ ...a }))),
    communities: featureCollectionText(
      r.grids.communities.map((c) => ({
        properties: { code: c.code, name: c.name, area_code: c.area_code, kind: c.kind, adopting_dept: c.adopting_dept },
        geometry: polygonGeometry(c.geometry),
      })),
    ),
    gridsL4: featureCollectionText(
      r.grids.gridsL4.map((g) => ({
        properties: { code: g.code, community_code: g.community_code, name: g.name, chief: g.chief, households: g.households, merchants: g.merchants },
        geometry: polygonGeometry(g.geometry),
      })),
    ),
    gridsL5: featureCollectionText(
      r.grids.gridsL5.map((g) => ({
        properties: { code: g.code, grid_code: g.grid_code, chief: g.chief, households: g.households, merchants: g.merchants },
        geometry: polygonGeometry(g.geometry),
      })),
    ),
    compounds: featureCollectionText(
      r.compounds.map((c) => ({
        properties: {
          id: c.id,
          name: c.name,
          built_year: c.built_year,
          households: c.households,
          buildings: c.buildings,
          property_management: c.property_management,
          address: c.address,
        },
        geometry: polygonGeometry(c.geometry),
      })),
    ),
    projects: csvText(
      ['id', 'name', 'compound_ids', 'batch_year', 'status', 'planned_at', 'approved_at', 'started_at', 'completed_at', 'accepted_at', 'items', 'budget_wan', 'funds_received_wan'],
      r.projects.map((p) => ({
        id: p.id,
        name: p.name,
        compound_ids: p.compound_ids.join(';'),
        batch_year: p.batch_year,
        status: p.status,
        planned_at: p.planned_at,
        approved_at: p.approved_at,
        started_at: p.started_at,
        completed_at: p.completed_at,
        accepted_at: p.accepted_at,
        items: p.items.map((i) => `${i.code}:${i.quantity}`).join(';'),
        budget_wan: p.budget_wan,
        funds_received_wan: p.funds_received_wan,
      })),
    ),
    renovationItems: csvText(
      ['code', 'name', 'class', 'unit'],
      RENOVATION_ITEMS.map((i) => ({ code: i.code, name: i.name, class: i.class, unit: i.unit })),
    ),
    roadWorks: featureCollectionText(
      r.roadWorks.map((w) => ({
        properties: { id: w.id, name: w.name, year: w.year, status: w.status, budget_wan: w.budget_wan, started_at: w.started_at, completed_at: w.completed_at },
        geometry: { type: 'LineString', coordinates: w.coordinates },
      })),
    ),
    lamps: featureCollectionText(
      r.lamps.map((l) => ({
        properties: { id: l.id, type: l.type, status: l.status, power_w: l.power_w, road: l.road, install_year: l.install_year, schedule_group: l.schedule_group },
        geometry: { type: 'Point', coordinates: l.lonLat },
      })),
    ),
    problems: csvText(PROBLEM_COLUMNS, r.problems as ProblemRow[]),
    categories: csvText(
      ['code', 'name', 'major_code', 'major_name', 'kind', 'deadline_value', 'deadline_unit', 'default_department', 'severity'],
      CATEGORIES.map((c) => ({ ...c })),
    ),
    departments: csvText(['code', 'name', 'level'], DEPARTMENTS.map((d) => ({ ...d }))),
  };
}

/** GeoJSON geometry with coordinates at 6 decimals; repeated vertices that rounding makes are dropped. */
export function polygonGeometry(shape: PolygonCoords): { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } {
  const ring = (r: readonly LonLat[]): LonLat[] => {
    const out: LonLat[] = [];
    for (const [lon, lat] of r) {
      const p: LonLat = [round6(lon), round6(lat)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  if (shape.type === 'Polygon') return { type: 'Polygon', coordinates: shape.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: shape.coordinates.map((poly) => poly.map(ring)) };
}
