/**
 * Where a problem lies, as the city's evaluation weighs it (DOMAIN.md: 背街小巷 and 无物业小区 carry
 * higher weights):
 * - on a back street: a lane or alley (LedgerSettings.backStreet.highways) within `nearM`, and no
 *   main street within `mainRoadClearM` — a shop front on a main road is not a back street even if a
 *   lane opens beside it;
 * - in a compound without property management: inside a compound whose property_management is
 *   'none'.
 * Roads come from the OSM basemap extract. Positions are looked up per 10 m cell (memoised), so a
 * million problems cost at most one road query per occupied cell; flatbush indexes keep each query
 * local.
 */
import Flatbush from 'flatbush';
import { LEDGER_FLAG, type LedgerSettings } from '../../../src/contract';
import { GridLocator } from '../../../src/analysis/grid-locator';
import type { OsmData } from '../../osm/read-osm-xml';
import type { Areal } from '../validate';

/** Cell of the memo, metres: well under the distances asked about. */
const CELL_M = 10;

interface Segments {
  index: Flatbush | null;
  /** x1, y1, x2, y2 per segment, local metres. */
  coords: Float64Array;
}

export class PlaceClassifier {
  private readonly lanes: Segments;
  private readonly mains: Segments;
  private readonly compounds: GridLocator;
  private readonly memo = new Map<number, number>();
  private readonly kx: number;
  private readonly ky = 110_540;

  constructor(
    osm: OsmData,
    noPropertyCompounds: { id: string; geometry: Areal }[],
    private readonly rules: LedgerSettings['backStreet'],
    private readonly origin: [number, number],
  ) {
    this.kx = 111_320 * Math.cos((origin[1] * Math.PI) / 180);
    this.lanes = this.segments(osm, new Set(rules.highways));
    this.mains = this.segments(osm, new Set(rules.mainHighways));
    this.compounds = new GridLocator(noPropertyCompounds.map((c) => ({ code: c.id, geometry: c.geometry })));
  }

  private local(lon: number, lat: number): [number, number] {
    return [(lon - this.origin[0]) * this.kx, (lat - this.origin[1]) * this.ky];
  }

  private segments(osm: OsmData, highways: Set<string>): Segments {
    const coords: number[] = [];
    for (const way of osm.ways) {
      const highway = way.tags.highway;
      if (highway === undefined || !highways.has(highway) || way.tags.area === 'yes') continue;
      let previous: [number, number] | null = null;
      for (const id of way.nodeIds) {
        const node = osm.nodes.get(id);
        if (!node) continue;
        const p = this.local(node.lon, node.lat);
        if (previous) coords.push(previous[0], previous[1], p[0], p[1]);
        previous = p;
      }
    }
    const n = coords.length / 4;
    if (n === 0) return { index: null, coords: new Float64Array(0) };
    const index = new Flatbush(n);
    for (let i = 0; i < n; i++) {
      const [x1, y1, x2, y2] = [coords[4 * i]!, coords[4 * i + 1]!, coords[4 * i + 2]!, coords[4 * i + 3]!];
      index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
    index.finish();
    return { index, coords: Float64Array.from(coords) };
  }

  /** Whether any segment lies within r metres of (x, y). */
  private near(s: Segments, x: number, y: number, r: number): boolean {
    if (!s.index) return false;
    for (const i of s.index.search(x - r, y - r, x + r, y + r)) {
      if (segmentDistance(x, y, s.coords[4 * i]!, s.coords[4 * i + 1]!, s.coords[4 * i + 2]!, s.coords[4 * i + 3]!) <= r) return true;
    }
    return false;
  }

  /** LEDGER_FLAG bits of a position. */
  flags(lon: number, lat: number): number {
    const [x, y] = this.local(lon, lat);
    const cx = Math.floor(x / CELL_M);
    const cy = Math.floor(y / CELL_M);
    const key = cx * 1_000_003 + cy;
    let backStreet = this.memo.get(key);
    if (backStreet === undefined) {
      const mx = (cx + 0.5) * CELL_M;
      const my = (cy + 0.5) * CELL_M;
      backStreet = this.near(this.lanes, mx, my, this.rules.nearM) && !this.near(this.mains, mx, my, this.rules.mainRoadClearM) ? LEDGER_FLAG.backStreet : 0;
      this.memo.set(key, backStreet);
    }
    return backStreet | (this.compounds.locate(lon, lat) !== null ? LEDGER_FLAG.noProperty : 0);
  }
}

function segmentDistance(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
