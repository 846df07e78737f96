/**
 * Seeded benchmark of the tile stage: N random problem points in a 4 × 4 km box, z10–16, cut into
 * MVT and packed into PMTiles. Same seed, same points, so runs compare.
 *
 *   npx tsx scripts/tiling/vector-tiles.bench.ts [points=100000] [seed=1]
 *
 * Prints time and memory per step. `maxRSS` is the process peak, so run one size per process.
 */
import type { Feature, Point } from 'geojson';
import { PROBLEM_NATURES, PROBLEM_STATUSES, type ProblemTileProps } from '../../src/contract';
import { writePmtiles } from './pmtiles-writer';
import { encodeVectorTiles } from './vector-tiles';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);

/** mulberry32: tiny, seedable, good enough to scatter points. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A 4 km square around central Nanjing (the repo's OSM extract): 1° lat ≈ 111 km.
const center = [118.78, 32.04] as const;
const halfLat = 2 / 111.32;
const halfLon = halfLat / Math.cos((center[1] * Math.PI) / 180);
const next = random(seed);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
const features: Feature<Point, ProblemTileProps>[] = [];
for (let i = 0; i < count; i++) {
  const reported = 1_735_660_800 + Math.floor(next() * 3e7);
  features.push({
    type: 'Feature',
    id: i,
    geometry: {
      type: 'Point',
      coordinates: [center[0] - halfLon + 2 * halfLon * next(), center[1] - halfLat + 2 * halfLat * next()],
    },
    properties: {
      id: `P${String(i).padStart(7, '0')}`,
      cat: `0${1 + Math.floor(next() * 6)}00${1 + Math.floor(next() * 9)}`,
      major: `0${1 + Math.floor(next() * 6)}`,
      status: pick(PROBLEM_STATUSES),
      nature: pick(PROBLEM_NATURES),
      dept: `D${Math.floor(next() * 12)}`,
      reported,
      deadline: reported + 86_400 * 3,
      overdue: next() < 0.2 ? 1 : 0,
      severity: 1 + Math.floor(next() * 3),
      grid: `320102001001${String(Math.floor(next() * 40)).padStart(3, '0')}`,
      desc: '',
    },
  });
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const heapBefore = process.memoryUsage().heapUsed;

let started = performance.now();
const tiles = encodeVectorTiles([{ name: 'problems', features }], { minzoom: 10, maxzoom: 16 });
const encodeMs = performance.now() - started;
const heapAfterEncode = process.memoryUsage().heapUsed;

started = performance.now();
const archive = writePmtiles(tiles, {
  minzoom: 10,
  maxzoom: 16,
  bounds: [center[0] - halfLon, center[1] - halfLat, center[0] + halfLon, center[1] + halfLat],
  center: [center[0], center[1], 13],
  metadata: { vector_layers: [{ id: 'problems', fields: {}, minzoom: 10, maxzoom: 16 }] },
});
const writeMs = performance.now() - started;

const perZoom = new Map<number, { tiles: number; bytes: number; largest: number }>();
for (const tile of tiles) {
  const zoom = perZoom.get(tile.z) ?? { tiles: 0, bytes: 0, largest: 0 };
  zoom.tiles += 1;
  zoom.bytes += tile.data.byteLength;
  zoom.largest = Math.max(zoom.largest, tile.data.byteLength);
  perZoom.set(tile.z, zoom);
}

console.log(`points ${count}, seed ${seed}, node ${process.version}`);
console.log(`encodeVectorTiles: ${encodeMs.toFixed(0)} ms, ${tiles.length} tiles`);
console.log(`writePmtiles:      ${writeMs.toFixed(0)} ms, archive ${mb(archive.byteLength)} (${archive.byteLength} bytes)`);
console.log(`heap: input ${mb(heapBefore)}, after encode ${mb(heapAfterEncode)}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log('zoom  tiles  uncompressed  largest tile');
for (const [z, zoom] of [...perZoom].sort((a, b) => a[0] - b[0])) {
  console.log(`${String(z).padStart(4)}  ${String(zoom.tiles).padStart(5)}  ${mb(zoom.bytes).padStart(12)}  ${mb(zoom.largest).padStart(12)}`);
}
