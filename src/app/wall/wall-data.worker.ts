/**
 * Reads the wall screen's lists from the archives (see wall-data.ts): the z14 tiles over the
 * sub-district hold every problem's full record and every grid's figures. Tiles repeat features
 * near their edges; the pure functions it calls dedupe by id.
 */
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { tilesCovering } from '../../analysis/presentation/tile-cover';
import { unionBounds, type Bounds } from '../../analysis/presentation/tour';
import { redItems, type CommunityLoad, type RedItemSource } from '../../analysis/presentation/wall-lists';
import type { WallData, WallDataRequest, WallDataResponse } from './wall-data';

type TileVisitor = (layer: VectorTileLayer, z: number, x: number, y: number) => void;

async function eachTile(url: string, bounds: Bounds, zoom: number, layers: readonly string[], visit: Record<string, TileVisitor>): Promise<void> {
  const archive = new PMTiles(url);
  const header = await archive.getHeader();
  const z = Math.max(header.minZoom, Math.min(header.maxZoom, zoom));
  for (const [tz, tx, ty] of tilesCovering(bounds, z)) {
    const tile = await archive.getZxy(tz, tx, ty);
    if (!tile) continue;
    const vt = new VectorTile(new PbfReader(new Uint8Array(tile.data)));
    for (const name of layers) {
      const layer = vt.layers[name];
      if (layer) visit[name]?.(layer, tz, tx, ty);
    }
  }
}

function boundsOfCoordinates(coords: unknown, into: Bounds | null): Bounds | null {
  if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    return unionBounds(into, [coords[0], coords[1], coords[0], coords[1]]);
  }
  let b = into;
  if (Array.isArray(coords)) for (const c of coords) b = boundsOfCoordinates(c, b);
  return b;
}

async function read(req: WallDataRequest): Promise<WallData> {
  const errors: string[] = [];
  const communityNames = new Map(req.communities);
  const grids = new Map<string, string>();
  let communityLoads: CommunityLoad[] | null = null;
  let communityBounds: Record<string, Bounds> | null = null;
  if (req.gridsUrl) {
    try {
      const loads: CommunityLoad[] = [];
      const boxes: Record<string, Bounds> = {};
      await eachTile(req.gridsUrl, req.bounds, req.detailZoom, ['communities', 'grids_l4'], {
        communities: (layer, z, x, y) => {
          for (let i = 0; i < layer.length; i++) {
            const f = layer.feature(i);
            const p = f.properties;
            const code = String(p.code ?? '');
            loads.push({ code, name: String(p.name ?? communityNames.get(code) ?? code), households: Number(p.households ?? 0), openProblems: Number(p.open_problems ?? 0) });
            const geometry = f.toGeoJSON(x, y, z).geometry;
            const box = 'coordinates' in geometry ? boundsOfCoordinates(geometry.coordinates, boxes[code] ?? null) : null;
            if (box) boxes[code] = box;
          }
        },
        grids_l4: (layer) => {
          for (let i = 0; i < layer.length; i++) {
            const p = layer.feature(i).properties;
            const community = communityNames.get(String(p.community ?? '')) ?? '';
            grids.set(String(p.code), community ? `${String(p.name)} · ${community}` : String(p.name));
          }
        },
      });
      communityLoads = loads;
      communityBounds = boxes;
    } catch (e) {
      errors.push(`grids: ${(e as Error).message}`);
    }
  }
  let red: WallData['red'] = null;
  if (req.problemsUrl) {
    try {
      const sources: RedItemSource[] = [];
      await eachTile(req.problemsUrl, req.bounds, req.detailZoom, ['problems'], {
        problems: (layer) => {
          for (let i = 0; i < layer.length; i++) sources.push(layer.feature(i).properties as unknown as RedItemSource);
        },
      });
      red = redItems(sources, Date.parse(req.asOf), { categories: new Map(req.categories), departments: new Map(req.departments), grids });
    } catch (e) {
      errors.push(`problems: ${(e as Error).message}`);
    }
  }
  return { red, communityLoads, communityBounds, errors };
}

self.onmessage = (event: MessageEvent<WallDataRequest>) => {
  const req = event.data;
  read(req).then(
    (data) => self.postMessage({ id: req.id, ok: true, data } satisfies WallDataResponse),
    (e: unknown) => self.postMessage({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies WallDataResponse),
  );
};
