/**
 * The real buildings and land uses of the extract, read as a grid office would see them:
 * which buildings are homes, and about how many households each one holds.
 *
 * Households are estimated from the footprint and the number of storeys (OSM's building:levels
 * where mapped; otherwise the storeys typical of the footprint: low lane houses, six-storey
 * walk-ups of the 1980s–90s, high-rise towers). The estimate is a pure function of the OSM way,
 * so grid sizes do not change with the seed.
 */
import Flatbush from 'flatbush';
import type { OsmData } from '../osm/read-osm-xml';
import { wayCoordinates } from '../osm/read-osm-xml';
import type { LocalFrame, LonLat, XY } from './local-frame';
import { hashString } from './random';
import { pointInRing, ringBbox, ringCentroid, signedArea } from './ring-geometry';

export const HOUSING_DEFAULTS = {
  /** Gross floor area per household, m² (stairs, walls and shared space included). */
  floorAreaPerHouseholdM2: 95,
  /** Smaller footprints are sheds, kiosks or gatehouses, not homes. */
  minHomeFootprintM2: 40,
  /** Larger untagged footprints in the centre are malls and office towers, not homes. */
  maxUntaggedHomeFootprintM2: 3_000,
};

export type LandKind = 'residential' | 'commercial' | 'institution' | 'park' | 'market';

export interface LandArea {
  wayId: number;
  kind: LandKind;
  name: string | null;
  ring: XY[];
  centroid: XY;
}

export interface Building {
  wayId: number;
  ring: XY[];
  centroid: XY;
  footprintM2: number;
  levels: number;
  /** A home (住宅), as opposed to shops, offices, schools, hospitals… */
  residential: boolean;
  households: number;
}

const INSTITUTION_AMENITIES = new Set(['school', 'university', 'college', 'kindergarten', 'hospital', 'courthouse', 'townhall', 'police']);
const HOME_TAGS = new Set(['residential', 'apartments', 'house', 'dormitory']);

export function landAreasFromOsm(osm: OsmData, frame: LocalFrame): LandArea[] {
  const out: LandArea[] = [];
  for (const way of osm.ways) {
    if (way.tags.building) continue;
    const t = way.tags;
    let kind: LandKind | null = null;
    if (t.amenity === 'marketplace') kind = 'market';
    else if (t.landuse === 'residential') kind = 'residential';
    else if (t.landuse === 'commercial' || t.landuse === 'retail') kind = 'commercial';
    else if ((t.amenity && INSTITUTION_AMENITIES.has(t.amenity)) || t.landuse === 'military' || t.leisure === 'stadium' || t.leisure === 'sports_centre') {
      kind = 'institution';
    } else if (t.leisure === 'park') kind = 'park';
    if (kind === null) continue;
    const coords = wayCoordinates(osm, way);
    if (coords.length < 4) continue;
    const ring = openRing(coords).map((c) => frame.toXY(c));
    out.push({ wayId: way.id, kind, name: t.name?.trim() || null, ring, centroid: ringCentroid(ring) });
  }
  return out.sort((a, b) => a.wayId - b.wayId);
}

export function buildingsFromOsm(osm: OsmData, frame: LocalFrame, land: readonly LandArea[], options: Partial<typeof HOUSING_DEFAULTS> = {}): Building[] {
  const o = { ...HOUSING_DEFAULTS, ...options };
  const landIndex = new Flatbush(Math.max(1, land.length));
  for (const area of land) landIndex.add(...ringBbox(area.ring));
  if (land.length === 0) landIndex.add(0, 0, 0, 0);
  landIndex.finish();
  const landAt = (p: XY): LandArea[] => landIndex.search(p[0], p[1], p[0], p[1]).flatMap((i) => (land[i] && pointInRing(p, land[i].ring) ? [land[i]] : []));

  const out: Building[] = [];
  for (const way of osm.ways) {
    const t = way.tags;
    if (!t.building) continue;
    const coords = wayCoordinates(osm, way);
    if (coords.length < 4) continue;
    const ring = openRing(coords).map((c) => frame.toXY(c));
    const footprintM2 = Math.abs(signedArea(ring));
    const centroid = ringCentroid(ring);
    const levels = storeys(way.id, t['building:levels'], footprintM2);
    const tagged = HOME_TAGS.has(t.building);
    const usedOtherwise = Boolean(t.shop || t.amenity || t.office || t.tourism || t.railway || t.public_transport || t.leisure);
    const lands = landAt(centroid);
    const onOtherLand = lands.some((l) => l.kind !== 'residential');
    const onHomeLand = lands.some((l) => l.kind === 'residential');
    const residential =
      footprintM2 >= o.minHomeFootprintM2 &&
      !usedOtherwise &&
      (tagged || (t.building === 'yes' && !onOtherLand && (onHomeLand || footprintM2 <= o.maxUntaggedHomeFootprintM2)));
    const households = residential ? Math.max(1, Math.round((footprintM2 * levels) / o.floorAreaPerHouseholdM2)) : 0;
    out.push({ wayId: way.id, ring, centroid, footprintM2, levels, residential, households });
  }
  return out.sort((a, b) => a.wayId - b.wayId);
}

/**
 * Storeys: the mapped value, or the typical height of that footprint in central Nanjing. The
 * way id picks among plausible values, so the estimate is stable without a seed.
 */
function storeys(wayId: number, mapped: string | undefined, footprintM2: number): number {
  const n = Number(mapped);
  if (Number.isInteger(n) && n > 0 && n < 100) return n;
  const h = hashString(String(wayId)) % 100;
  if (footprintM2 < 120) return h < 60 ? 2 : 3; // lane houses (里弄/平房 rebuilt upward)
  if (footprintM2 < 300) return h < 50 ? 4 : 5;
  if (footprintM2 < 1_500) return h < 15 ? 5 : h < 80 ? 6 : 7; // the six-storey walk-up
  return h < 40 ? 11 : h < 80 ? 18 : 24; // towers
}

function openRing(coords: LonLat[]): LonLat[] {
  const first = coords[0];
  const last = coords[coords.length - 1];
  if (first && last && first[0] === last[0] && first[1] === last[1]) return coords.slice(0, -1);
  return coords;
}
