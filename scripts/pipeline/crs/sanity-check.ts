/**
 * The CRS sanity check: does a layer, converted from the CRS it declares, actually sit on the
 * sub-district? A silent 500 m offset is the worst possible outcome (every point in the wrong
 * block, every figure wrong, nothing looks broken), so two tests stop the build:
 *
 * 1. Mostly outside: fewer than half of the layer's positions fall inside the sub-district.
 * 2. Lines up only after a shift: read as another CRS, markedly more of the layer falls inside the
 *    sub-district, or it lies markedly closer to the basemap's streets (OpenStreetMap, WGS-84).
 *    GCJ-02 data declared as WGS-84 sits 300–600 m off in Chinese cities, much of it still inside
 *    the sub-district. The boundary itself is checked against the streets (a whole office's files
 *    in GCJ-02 agree with each other and only the basemap shows the shift). Polygons that do not
 *    follow streets (compounds) can only be caught by the first test and the inside share.
 *
 * Either way the message says which CRS the data looks like, by trying the other readings:
 * WGS-84, GCJ-02, BD-09, the local Gauss-Krüger zone with and without its prefix, and the two
 * coordinates swapped. Thresholds are in CRS_CHECK below, one place, each with its reason.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { OsmData } from '../../osm/read-osm-xml';
import { converterToWgs84, type PositionConverter } from './convert';
import { gaussKrugerEpsg, gaussKrugerZonesAt, resolveCrs, type CrsDefinition } from './definitions';

export const CRS_CHECK = {
  /** "Mostly outside": below this share of positions inside the sub-district the layer is refused. */
  minInsideShare: 0.5,
  /** A reading that puts at least this share inside is named as what the data "looks like". */
  likelyInsideShare: 0.8,
  /** Fewer positions than this are judged row by row (a stray row is a reject, not a CRS error). */
  minInsideSamples: 5,
  /** Positions sampled per layer (evenly through the file, so a rebuild samples the same ones). */
  maxSamples: 400,
  /** Fewer positions than this say too little about alignment with the basemap. */
  minAlignmentSamples: 8,
  /**
   * "Lines up only after a shift", by the sub-district: at most this share inside as declared…
   * (GCJ-02 read as WGS-84 leaves 70–75% of the demo's problems and lamps inside, BD-09 ~30%)
   */
  shiftedInsideShare: 0.9,
  /** …and at least this share inside read another way… */
  alignedInsideShare: 0.98,
  /** …a gain of at least this share of the layer. */
  minInsideGain: 0.1,
  /**
   * "Lines up only after a shift", by the basemap's streets (OSM highways): another reading must
   * bring the median distance below this share of the declared one… (demo grids: 0.03 m aligned,
   * 18 m as GCJ-02; lamps 7 m and 33 m; compounds, which do not follow streets, 21 m and 14 m)
   */
  alignmentRatio: 0.5,
  /** …and by at least this much: a few metres of digitising noise is not a CRS error. */
  alignmentMinGainM: 10,
  /** Basemap lines further than this are not searched (the median is capped here). */
  maxDistanceM: 1000,
  /** Basemap lines are indexed this far around the sub-district. */
  basemapMarginDeg: 0.03,
} as const;

const M_PER_DEG_LAT = 111_320;

/** The sub-district (in WGS-84) and its basemap, the yardstick every layer is measured against. */
export class CrsReference {
  private readonly index: Flatbush | null;
  private readonly segments: Float64Array;
  private readonly mPerDegLon: number;
  readonly centre: [number, number];

  constructor(
    readonly inside: (lon: number, lat: number) => boolean,
    boundary: Polygon | MultiPolygon,
    osm: OsmData,
  ) {
    const ring = boundary.type === 'Polygon' ? boundary.coordinates[0]! : boundary.coordinates.flatMap((p) => p[0]!);
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of ring) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
    this.centre = [(w + e) / 2, (s + n) / 2];
    this.mPerDegLon = M_PER_DEG_LAT * Math.cos((this.centre[1] * Math.PI) / 180);
    const m = CRS_CHECK.basemapMarginDeg;
    const near = (lon: number, lat: number): boolean => lon >= w - m && lon <= e + m && lat >= s - m && lat <= n + m;
    const segments: number[] = [];
    for (const way of osm.ways) {
      // Streets only: in a dense city every point is a few metres from some building edge.
      if (way.tags.highway === undefined) continue;
      let previous: [number, number] | null = null;
      for (const id of way.nodeIds) {
        const node = osm.nodes.get(id);
        if (!node) {
          previous = null;
          continue;
        }
        const here = this.toLocal(node.lon, node.lat);
        if (previous && near(node.lon, node.lat)) segments.push(previous[0], previous[1], here[0], here[1]);
        previous = here;
      }
    }
    this.segments = Float64Array.from(segments);
    const count = segments.length / 4;
    if (count === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(count);
    for (let i = 0; i < count; i++) {
      const [x1, y1, x2, y2] = [segments[4 * i]!, segments[4 * i + 1]!, segments[4 * i + 2]!, segments[4 * i + 3]!];
      index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
    index.finish();
    this.index = index;
  }

  get hasBasemap(): boolean {
    return this.index !== null;
  }

  /** Metres from a WGS-84 position to the nearest basemap street (capped). */
  distanceToBasemapM(lon: number, lat: number): number {
    if (!this.index || !Number.isFinite(lon) || !Number.isFinite(lat)) return CRS_CHECK.maxDistanceM;
    const [x, y] = this.toLocal(lon, lat);
    let best: number = CRS_CHECK.maxDistanceM;
    for (const i of this.index.neighbors(x, y, 16, CRS_CHECK.maxDistanceM)) {
      best = Math.min(best, segmentDistance(x, y, this.segments, i));
    }
    return best;
  }

  private toLocal(lon: number, lat: number): [number, number] {
    return [(lon - this.centre[0]) * this.mPerDegLon, (lat - this.centre[1]) * M_PER_DEG_LAT];
  }
}

function segmentDistance(x: number, y: number, s: Float64Array, i: number): number {
  const [x1, y1, x2, y2] = [s[4 * i]!, s[4 * i + 1]!, s[4 * i + 2]!, s[4 * i + 3]!];
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

/** One reading of a layer's raw positions. */
interface Reading {
  /** What to tell the office, e.g. `GCJ02 (高德/腾讯 maps)`. */
  label: string;
  /** What to change in the config or the file. */
  fix: string;
  convert: PositionConverter;
}

export interface LayerFigures {
  /** Share of positions inside the sub-district, 0–1. */
  insideShare: number;
  /** Median metres to the basemap, or null without a basemap or enough positions. */
  medianToBasemapM: number | null;
}

export type CrsVerdict = { ok: true; figures: LayerFigures } | { ok: false; figures: LayerFigures; reason: string };

export interface LayerPositions {
  /** The config key, e.g. `problems`. */
  layer: string;
  declared: CrsDefinition;
  /** Raw positions as in the file, in the declared CRS. */
  positions: Position[];
  /** The boundary is the yardstick for "inside"; only its alignment with the basemap is checked. */
  isBoundary?: boolean;
}

/** Evenly spread sample of at most `max` positions (deterministic). */
export function samplePositions(positions: Position[], max: number = CRS_CHECK.maxSamples): Position[] {
  if (positions.length <= max) return positions;
  return sampleIndices(positions.length, max).map((i) => positions[i]!);
}

/** Which of n items samplePositions takes (for a layer kept as columns: normalise's problems). */
export function sampleIndices(n: number, max: number = CRS_CHECK.maxSamples): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

export function measure(positions: Position[], convert: PositionConverter, reference: CrsReference): LayerFigures {
  if (positions.length === 0) return { insideShare: 1, medianToBasemapM: null };
  const converted = positions.map(convert);
  const inside = converted.filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat) && reference.inside(lon!, lat!)).length;
  const enough = reference.hasBasemap && positions.length >= CRS_CHECK.minAlignmentSamples;
  const distances = enough ? converted.map(([lon, lat]) => reference.distanceToBasemapM(lon!, lat!)).sort((a, b) => a - b) : [];
  return { insideShare: inside / positions.length, medianToBasemapM: enough ? distances[Math.floor(distances.length / 2)]! : null };
}

export function checkLayerCrs(input: LayerPositions, reference: CrsReference): CrsVerdict {
  const positions = samplePositions(input.positions.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])));
  const declared = measure(positions, converterToWgs84(input.declared), reference);
  if (positions.length === 0) return { ok: true, figures: declared };
  const alternatives = otherReadings(input.declared, positions, reference).map((r) => ({ reading: r, figures: measure(positions, r.convert, reference) }));
  const pct = (share: number): string => `${Math.round(share * 100)}%`;

  const judgeInside = !input.isBoundary && positions.length >= CRS_CHECK.minInsideSamples;
  if (judgeInside && declared.insideShare < CRS_CHECK.minInsideShare) {
    const best = alternatives.filter((a) => a.figures.insideShare >= CRS_CHECK.likelyInsideShare).sort((a, b) => b.figures.insideShare - a.figures.insideShare || (a.figures.medianToBasemapM ?? 0) - (b.figures.medianToBasemapM ?? 0))[0];
    const first = positions[0]!;
    const head = `read as ${input.declared.id}, only ${pct(declared.insideShare)} of its positions fall inside the sub-district (first position ${first[0]}, ${first[1]})`;
    return {
      ok: false,
      figures: declared,
      reason: best
        ? `${head}; it looks like ${best.reading.label}: read that way ${pct(best.figures.insideShare)} fall inside. ${best.reading.fix}`
        : `${head}, and no other reading (${alternatives.map((a) => a.reading.label).join(', ')}) places it there either; check that the file belongs to this sub-district and which coordinate system it was exported in`,
    };
  }
  // Lines up only after a shift: another reading brings many more positions inside, or puts
  // them on the streets where the declared reading leaves them between.
  const d0 = declared.medianToBasemapM;
  const shifted = alternatives.find(({ figures: f }) => {
    const fillsIn = judgeInside && declared.insideShare <= CRS_CHECK.shiftedInsideShare && f.insideShare >= CRS_CHECK.alignedInsideShare && f.insideShare - declared.insideShare >= CRS_CHECK.minInsideGain;
    const onStreets =
      d0 !== null && f.medianToBasemapM !== null && (input.isBoundary || f.insideShare >= declared.insideShare - 0.05) &&
      f.medianToBasemapM <= d0 * CRS_CHECK.alignmentRatio && d0 - f.medianToBasemapM >= CRS_CHECK.alignmentMinGainM;
    return fillsIn || onStreets;
  });
  if (shifted) {
    const f = shifted.figures;
    const distances = d0 !== null && f.medianToBasemapM !== null ? `; the median distance to the basemap's streets is ${Math.round(d0)} m as declared and ${Math.round(f.medianToBasemapM)} m read that way` : '';
    const inside = input.isBoundary ? '' : `, ${pct(declared.insideShare)} of its positions fall inside the sub-district as declared and ${pct(f.insideShare)} read that way`;
    return {
      ok: false,
      figures: declared,
      reason: `lines up with the ${input.isBoundary ? 'basemap' : 'sub-district'} only when read as ${shifted.reading.label}, not as the declared ${input.declared.id}${inside}${distances}. It looks like ${shifted.reading.label}. ${shifted.reading.fix}`,
    };
  }
  return { ok: true, figures: declared };
}

const looksProjected = (positions: Position[]): boolean => positions.filter((p) => Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90).length > positions.length / 2;

/** The readings to try besides the declared one. */
function otherReadings(declared: CrsDefinition, positions: Position[], reference: CrsReference): Reading[] {
  const readings: Reading[] = [];
  const add = (crs: CrsDefinition | null): void => {
    if (crs && crs.id !== declared.id && !(crs.kind === 'geographic' && declared.kind === 'geographic')) {
      readings.push({ label: `${crs.id} (${crs.label})`, fix: `Declare "crs": "${crs.id}" for this layer in guatu.config.json (or convert the file).`, convert: converterToWgs84(crs) });
    }
  };
  if (looksProjected(positions)) {
    const prefixedZone = Math.floor(median(positions.map((p) => p[0]!)) / 1_000_000);
    if (prefixedZone >= 25 && prefixedZone <= 45) add(resolveCrs(gaussKrugerEpsg(prefixedZone, true)));
    for (const crs of gaussKrugerZonesAt(reference.centre[0])) add(crs);
  } else {
    for (const name of ['WGS84', 'GCJ02', 'BD09']) add(resolveCrs(name));
  }
  const swap = converterToWgs84(declared);
  readings.push({
    label: `${declared.id} with the two coordinates swapped`,
    fix: declared.kind === 'gauss-kruger' ? 'Swap the easting and northing (X is north in Chinese surveying) in the file.' : 'The longitude and latitude columns are swapped: map 经度 to lon and 纬度 to lat (lon is about 73–135 in China).',
    convert: (p) => swap([p[1]!, p[0]!]),
  });
  return readings;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
