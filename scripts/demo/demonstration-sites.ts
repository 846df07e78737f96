/**
 * Demonstration sites (示范点位) of the demo: like 柳湖's 8 人居环境示范点位, each is something
 * finished and shown to visitors — a renovated compound that got the theme's item (an elevator, a
 * garbage-sorting kiosk, charging piles), a pocket park, a renovated back street — named a
 * demonstration site a month or few after it was finished.
 */
import type { DemonstrationSite } from '../../src/contract';
import { DAY_MS } from './calendar';
import type { CompoundRecord } from './compounds';
import type { LonLat } from './local-frame';
import { round6 } from './local-frame';
import type { ProjectRecord } from './projects';
import type { PublicSpaceRecord } from './public-space';
import type { Rng } from './random';
import { pointInRing, ringCentroid } from './ring-geometry';
import type { RoadWorkRecord } from './road-works';
import type { DemoWorld } from './world';

export interface DemonstrationSiteRecord extends DemonstrationSite {
  lonLat: LonLat;
}

/** Themes, and what a site of that theme showcases: a compound with an item, a work of a kind. */
const THEMES: { theme: string; from: { item: string } | { compound: true } | { publicSpace: 'pocket_park' | 'greening' } | { road: true }; what: string }[] = [
  { theme: '人居环境', from: { compound: true }, what: '老旧小区整体改造，管网、屋面、立面一并提升' },
  { theme: '加装电梯', from: { item: 'I02' }, what: '既有住宅加装电梯，居民协商一致后实施' },
  { theme: '充电设施', from: { item: 'I01' }, what: '集中充电桩治理飞线充电' },
  { theme: '垃圾分类', from: { item: 'I08' }, what: '垃圾分类亭定时定点投放' },
  { theme: '红色物业', from: { item: 'I05' }, what: '门卫室与简易物业，党员楼栋长参与管理' },
  { theme: '口袋公园', from: { publicSpace: 'pocket_park' }, what: '边角地建成口袋公园' },
  { theme: '背街小巷', from: { road: true }, what: '背街小巷路面、排水、立面整治' },
  { theme: '美丽庭院', from: { item: 'I07' }, what: '庭院绿化提升与居民自治' },
];

function isoDate(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}T10:00:00+08:00`;
}

function parse(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

export function planDemonstrationSites(input: {
  world: DemoWorld;
  projects: readonly ProjectRecord[];
  publicSpaceWorks: readonly PublicSpaceRecord[];
  roadWorks: readonly RoadWorkRecord[];
  asOfMs: number;
  rng: Rng;
}): DemonstrationSiteRecord[] {
  const { world, rng, asOfMs } = input;
  const compounds = new Map(world.compounds.map((c) => [c.id, c]));
  const used = new Set<string>();
  const sites: DemonstrationSiteRecord[] = [];
  const add = (name: string, theme: string, finished: number, lonLat: LonLat, compoundId: string, what: string): void => {
    // Named a demonstration site one to four months after the works were finished.
    const opened = Math.min(finished + rng.int(30, 120) * DAY_MS, asOfMs - DAY_MS);
    sites.push({ id: `SF${String(sites.length + 1).padStart(2, '0')}`, name, theme, opened_at: isoDate(opened), compound_id: compoundId, description: what, lonLat });
  };
  // Finished projects, earliest first: showcases are picked among the oldest successes.
  const finished = input.projects
    .filter((p) => p.completed_at !== null)
    .sort((a, b) => (parse(a.completed_at) ?? 0) - (parse(b.completed_at) ?? 0) || a.id.localeCompare(b.id));

  for (const t of THEMES) {
    if ('compound' in t.from || 'item' in t.from) {
      const item = 'item' in t.from ? t.from.item : null;
      const candidates = finished.filter((p) => (item === null || p.items.some((i) => i.code === item)) && p.compound_ids.some((id) => !used.has(id)));
      const project = candidates.length > 0 ? candidates[Math.min(candidates.length - 1, rng.int(0, 3))]! : undefined;
      if (!project) continue;
      const compound = compounds.get(project.compound_ids.find((id) => !used.has(id))!) as CompoundRecord;
      used.add(compound.id);
      add(`${compound.name}${t.theme}示范点`, t.theme, parse(project.completed_at)!, insidePoint(compound, world), compound.id, t.what);
    } else if ('publicSpace' in t.from) {
      const kind = t.from.publicSpace;
      const work = input.publicSpaceWorks.find((w) => w.kind === kind && w.completed_at !== null && !used.has(w.id));
      if (!work) continue;
      used.add(work.id);
      const [lon, lat] = world.geo.frame.toLonLat(work.centre);
      add(`${work.name}示范点`, t.theme, parse(work.completed_at)!, [round6(lon), round6(lat)], '', t.what);
    } else {
      const work = input.roadWorks.find((w) => w.completed_at !== null && w.name.includes('背街') && !used.has(w.id)) ?? input.roadWorks.find((w) => w.completed_at !== null && !used.has(w.id));
      if (!work) continue;
      used.add(work.id);
      const mid = work.coordinates[Math.floor(work.coordinates.length / 2)]!;
      add(`${work.road}${t.theme}示范点`, t.theme, parse(work.completed_at)!, mid, '', t.what);
    }
  }
  return sites;
}

/** A point inside the compound: its centroid when inside, else the centroid of its first building. */
function insidePoint(compound: CompoundRecord, world: DemoWorld): LonLat {
  let p = ringCentroid(compound.ring);
  if (!pointInRing(p, compound.ring)) {
    const building = world.buildings.find((b) => compound.buildingIds.includes(b.wayId));
    if (building) p = building.centroid;
  }
  const [lon, lat] = world.geo.frame.toLonLat(p);
  return [round6(lon), round6(lat)];
}
