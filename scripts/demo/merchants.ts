/**
 * Merchants (商户): the shops and restaurants mapped in OSM, the stalls of the real markets, and
 * street-front shops along the real roads (底商), densest on branch roads, thinner on main roads
 * (malls and offices take the frontage) and on back streets. They give each grid its merchant
 * count and are where 店外经营 and 占道经营 happen.
 */
import type { OsmData } from '../osm/read-osm-xml';
import type { LandArea } from './buildings';
import type { Geography } from './geography';
import type { XY } from './local-frame';
import type { Rng } from './random';
import type { RoadGroup } from './roads';
import { pointInRing, ringBbox } from './ring-geometry';

export const MERCHANT_DEFAULTS = {
  /** Frontage per shop, metres. */
  shopFrontM: 9,
  /** Share of frontage that is shops, by road group. */
  shopShare: { main: 0.3, branch: 0.45, back_street: 0.12 } satisfies Record<RoadGroup, number>,
  /** Distance from the road centre line to the shop fronts, metres. */
  setbackM: { main: 16, branch: 10, back_street: 5 } satisfies Record<RoadGroup, number>,
  /** Stalls per 1,000 m² of market floor. */
  stallsPer1000M2: 12,
};

export type MerchantKind = 'poi' | 'storefront' | 'market';

export interface Merchant {
  kind: MerchantKind;
  xy: XY;
  /** Road group the shop fronts on (markets: the nearest road's group is not needed). */
  group: RoadGroup | null;
}

const SHOP_AMENITIES = new Set(['restaurant', 'cafe', 'fast_food', 'bank', 'bar', 'pub', 'pharmacy', 'ice_cream', 'cinema', 'clinic']);

export function placeMerchants(input: { osm: OsmData; geo: Geography; land: readonly LandArea[]; rng: Rng }): Merchant[] {
  const o = MERCHANT_DEFAULTS;
  const { geo, rng } = input;
  const out: Merchant[] = [];
  const ids = [...input.osm.nodes.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const node = input.osm.nodes.get(id);
    if (!node || !(node.tags.shop || (node.tags.amenity && SHOP_AMENITIES.has(node.tags.amenity)))) continue;
    const xy = geo.frame.toXY([node.lon, node.lat]);
    if (geo.contains(xy)) out.push({ kind: 'poi', xy, group: null });
  }
  const blocked = input.land.filter((l) => l.kind === 'institution' || l.kind === 'park');
  const isBlocked = (p: XY): boolean => blocked.some((l) => inBox(p, l.ring) && pointInRing(p, l.ring));
  for (const road of geo.roads) {
    const share = o.shopShare[road.group];
    const xy = road.coords.map((c) => geo.frame.toXY(c));
    for (let i = 0; i + 1 < xy.length; i++) {
      const a = xy[i] as XY;
      const b = xy[i + 1] as XY;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const n: XY = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
      for (let s = o.shopFrontM / 2; s < len; s += o.shopFrontM) {
        for (const side of [1, -1]) {
          if (!rng.chance(share)) continue;
          const off = o.setbackM[road.group] + rng.range(-1, 1);
          const p: XY = [a[0] + ((b[0] - a[0]) * s) / len + side * n[0] * off, a[1] + ((b[1] - a[1]) * s) / len + side * n[1] * off];
          if (geo.contains(p) && !isBlocked(p)) out.push({ kind: 'storefront', xy: p, group: road.group });
        }
      }
    }
  }
  for (const market of input.land) {
    if (market.kind !== 'market' || !geo.contains(market.centroid)) continue;
    const [x0, y0, x1, y1] = ringBbox(market.ring);
    const area = Math.max(200, (x1 - x0) * (y1 - y0));
    const stalls = Math.max(20, Math.round((area / 1000) * o.stallsPer1000M2));
    for (let k = 0, tries = 0; k < stalls && tries < stalls * 20; tries++) {
      const p: XY = [rng.range(x0, x1), rng.range(y0, y1)];
      if (pointInRing(p, market.ring)) {
        out.push({ kind: 'market', xy: p, group: null });
        k++;
      }
    }
  }
  return out;
}

function inBox(p: XY, ring: readonly XY[]): boolean {
  const [x0, y0, x1, y1] = ringBbox(ring);
  return p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
}
