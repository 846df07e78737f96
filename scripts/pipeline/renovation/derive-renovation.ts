/**
 * Stage "renovation" (after derive): the coverage product of the renovation workspace.
 *
 * Everything spatial is settled here, once, with flatbush indexes and turf: each compound's area
 * shares over the level-4 grids (taken from the derive stage, so the grid choropleth agrees), each
 * road work's metres and each public-space work's square metres per grid, the grid of each
 * demonstration site, and the ledger problems reported inside each compound in the last 12 months
 * (point-in-polygon over a compound index). What varies with the chosen month or cut-off year is
 * then plain arithmetic over that product (src/analysis/renovation/coverage.ts), cheap enough for
 * the browser to redo whenever the timeline moves; the pipeline runs it for asOf and the month
 * before, for the manifest.
 */
import Flatbush from 'flatbush';
import type { Point } from 'geojson';
import {
  type Bbox,
  type HeadlineFigures,
  type ProductCompound,
  type ProductDemonstrationSite,
  type ProductProject,
  type ProductPublicSpaceWork,
  type ProductWork,
  type ProjectStatus,
  type RenovationProduct,
  type RenovationSummary,
} from '../../../src/contract';
import { bboxOf, containsPoint } from '../../../src/analysis/grid-locator';
import {
  addMonths,
  compoundReachTimes,
  coverageAt,
  headlineOf,
  instantOfMonth,
  monthEnd,
  prepareModel,
  statusRank,
  timelineBounds,
  type CoverageAt,
} from '../../../src/analysis/renovation';
import { CellIndex, splitAreaAmount, splitLine } from '../../../src/analysis/renovation/split';
import { RATE_WINDOW_DAYS, type DerivedData } from '../derive';
import type { ValidInputs } from '../validate';

const DAY_MS = 86_400_000;

/** What the tile stage needs beyond the product: per-feature timeline seconds and measures. */
export interface RenovationTileData {
  /** Per compound (input order): when it first reached each status, epoch ms or null. */
  compoundReach: (number | null)[][];
  /** Per road work: effective start / completion, epoch ms or null. */
  roadWorkDates: { started: number | null; completed: number | null }[];
  publicSpaceWorks: { started: number | null; completed: number | null; areaM2: number }[];
}

export interface RenovationDerived {
  product: RenovationProduct;
  summary: Omit<RenovationSummary, 'file' | 'bytes' | 'sha256'>;
  tiles: RenovationTileData;
  /** The overview headline's renovation figures one month before asOf (HeadlineFigures.previousMonth). */
  previousMonthHeadline: Pick<HeadlineFigures, 'compoundsOld' | 'compoundsRenovated' | 'compoundsUnderWay'>;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const roundBbox = (b: Bbox): Bbox => b.map((v) => Math.round(v * 1e6) / 1e6) as Bbox;

/**
 * When a work counts on the timeline. Recorded dates win; a finished work without a completion
 * date counts from the end of its year (or asOf, if earlier), and one under way without a start
 * date from the start of its year: office registers of works often carry only the year.
 */
export function effectiveWorkDates(work: { year: number; status: ProjectStatus; started_at: number | null; completed_at: number | null }, asOf: number): { started: number | null; completed: number | null } {
  const rank = statusRank(work.status);
  const finished = rank >= statusRank('completed');
  const completed = work.completed_at ?? (finished ? Math.min(monthEnd(`${work.year}-12`), asOf) : null);
  const yearStart = monthEnd(`${work.year - 1}-12`) + 1;
  const started = work.started_at ?? (rank >= statusRank('under_construction') ? Math.min(yearStart, completed ?? asOf) : null);
  return { started, completed };
}

export function deriveRenovation(input: ValidInputs, derived: DerivedData): RenovationDerived {
  const asOf = derived.asOf;
  const cells = new CellIndex(input.gridsL4.map((g) => g.geometry));
  const communityIndex = new Map(input.communities.map((c, i) => [c.value.code, i]));
  const compoundIndex = new Map(input.compounds.map((c, i) => [c.value.id, i]));
  const itemIndex = new Map(input.renovationItems.map((item, i) => [item.code, i]));

  const problems12m = problemsInsideCompounds(input, asOf);
  const projects: ProductProject[] = input.projects.map(({ value: p }) => ({
    id: p.id,
    name: p.name,
    // validate rejected any project naming a compound or item that does not exist.
    compounds: p.compound_ids.map((id) => compoundIndex.get(id)!),
    batch_year: p.batch_year,
    status: p.status,
    times: [p.planned_at, p.approved_at, p.started_at, p.completed_at, p.accepted_at],
    items: p.items.map((i) => [itemIndex.get(i.code)!, i.quantity] as [number, number]),
    budget_wan: p.budget_wan,
    funds_received_wan: p.funds_received_wan,
  }));
  const projectsOf = input.compounds.map(() => [] as number[]);
  projects.forEach((p, pi) => p.compounds.forEach((ci) => projectsOf[ci]!.push(pi)));

  const compounds: ProductCompound[] = input.compounds.map((c, i) => {
    const split = derived.compoundSplit[i]!;
    return {
      id: c.value.id,
      name: c.value.name,
      built_year: c.value.built_year,
      households: c.value.households,
      buildings: c.value.buildings,
      pm: c.value.property_management,
      bbox: roundBbox(bboxOf(c.geometry)),
      grid: split.majority,
      shares: split.shares,
      problems12m: problems12m[i]!,
      projects: projectsOf[i]!,
    };
  });

  const roadWorkDates = input.roadWorks.map((r) => effectiveWorkDates(r.value, asOf));
  const roadWorks: ProductWork[] = input.roadWorks.map((r, i) => {
    const split = splitLine(r.geometry, cells);
    return {
      id: r.value.id,
      name: r.value.name,
      year: r.value.year,
      status: r.value.status,
      budget_wan: r.value.budget_wan,
      ...roadWorkDates[i]!,
      amount: round1(split.lengthM),
      shares: split.shares,
      bbox: roundBbox(lineBbox(r.geometry.type === 'LineString' ? [r.geometry.coordinates] : r.geometry.coordinates)),
    };
  });

  const publicSpaceTiles: RenovationTileData['publicSpaceWorks'] = [];
  const publicSpaceWorks: ProductPublicSpaceWork[] = input.publicSpaceWorks.map((w) => {
    const split = splitAreaAmount(w.geometry, cells);
    const dates = effectiveWorkDates(w.value, asOf);
    publicSpaceTiles.push({ ...dates, areaM2: split.areaM2 });
    return {
      id: w.value.id,
      name: w.value.name,
      kind: w.value.kind,
      year: w.value.year,
      status: w.value.status,
      budget_wan: w.value.budget_wan,
      ...dates,
      amount: round1(split.areaM2),
      shares: split.shares,
      bbox: roundBbox(bboxOf(w.geometry)),
    };
  });

  const demonstrationSites: ProductDemonstrationSite[] = input.demonstrationSites.map((s) => {
    const [lon, lat] = (s.geometry as Point).coordinates as [number, number];
    return {
      id: s.value.id,
      name: s.value.name,
      theme: s.value.theme,
      opened: s.value.opened_at,
      lonLat: [lon, lat],
      grid: cells.locate(lon, lat),
      compound: s.value.compound_id === '' ? -1 : (compoundIndex.get(s.value.compound_id) ?? -1),
    };
  });

  const earliest = projects.reduce<number | null>((m, p) => (m === null || p.times[0] < m ? p.times[0] : m), null);
  const { first, last } = timelineBounds(asOf, earliest);
  const product: RenovationProduct = {
    schemaVersion: 1,
    asOf,
    firstMonth: first,
    lastMonth: last,
    oldCompoundBefore: input.config.oldCompoundBefore,
    items: input.renovationItems.map(({ code, name, class: itemClass, unit }) => ({ code, name, class: itemClass, unit })),
    communities: input.communities.map((c) => ({ code: c.value.code, name: c.value.name, bbox: roundBbox(bboxOf(c.geometry)) })),
    grids: input.gridsL4.map((g) => ({
      code: g.value.code,
      name: g.value.name,
      community: communityIndex.get(g.value.community_code) ?? -1,
      bbox: roundBbox(bboxOf(g.geometry)),
    })),
    compounds,
    projects,
    roadWorks,
    publicSpaceWorks,
    demonstrationSites,
  };

  const model = prepareModel(product);
  const atAsOf = coverageAt(model, asOf);
  const previous = coverageAt(model, instantOfMonth(addMonths(last, -1), asOf));
  return {
    product,
    summary: {
      firstMonth: first,
      lastMonth: last,
      oldCompoundBefore: product.oldCompoundBefore,
      atAsOf: headlineOf(atAsOf),
      previousMonth: headlineOf(previous),
      straddlingCompounds: compounds.filter((c) => c.shares.length > 1).length,
    },
    tiles: {
      compoundReach: input.compounds.map((_, i) => compoundReachTimes(projectsOf[i]!.map((pi) => projects[pi]!.times))),
      roadWorkDates,
      publicSpaceWorks: publicSpaceTiles,
    },
    previousMonthHeadline: overviewFigures(previous),
  };
}

/** The overview headline's three renovation numbers, from coverage (old compounds only). */
function overviewFigures(at: CoverageAt): RenovationDerived['previousMonthHeadline'] {
  const s = at.subDistrict.byStatus;
  return {
    compoundsOld: at.subDistrict.oldCompounds,
    compoundsRenovated: s.completed.compounds + s.accepted.compounds,
    compoundsUnderWay: s.under_construction.compounds,
  };
}

/**
 * Ledger problems reported inside each compound in the RATE_WINDOW_DAYS before asOf, by a flatbush
 * index of compound bounding boxes and an exact point-in-polygon test (a problem in two overlapping
 * compounds counts in both).
 */
export function problemsInsideCompounds(input: Pick<ValidInputs, 'compounds' | 'problems'>, asOf: number): number[] {
  const counts = input.compounds.map(() => 0);
  if (input.compounds.length === 0) return counts;
  const index = new Flatbush(input.compounds.length);
  for (const c of input.compounds) index.add(...bboxOf(c.geometry));
  index.finish();
  const since = asOf - RATE_WINDOW_DAYS * DAY_MS;
  for (const { value: p } of input.problems) {
    if (p.reported_at <= since || p.reported_at > asOf) continue;
    for (const i of index.search(p.lon, p.lat, p.lon, p.lat)) {
      if (containsPoint(input.compounds[i]!.geometry, p.lon, p.lat)) counts[i]!++;
    }
  }
  return counts;
}

function lineBbox(lines: readonly (readonly number[][])[]): Bbox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of lines) {
    for (const [x, y] of line) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  }
  return [w, s, e, n];
}
