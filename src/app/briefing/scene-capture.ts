/**
 * Saving and showing a scene on the live map. A scene is what the address and the camera say:
 * a view state that is not in the address (a workspace that keeps a filter only in memory)
 * cannot be saved, by design (see ../url-state.ts).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Manifest } from '../../contract';
import { newSceneId, type Deck, type Scene } from '../../analysis/presentation/deck';
import { sceneFigures } from '../../analysis/presentation/kpi';
import { viewSearch, zoomForSameExtent } from '../../analysis/presentation/view';
import { showSearch } from '../wall/apply-view';

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function captureScene(map: MapLibreMap, manifest: Manifest, deck: Deck, title: string, caption: string, now = new Date()): Scene {
  const search = viewSearch(location.search);
  const center = map.getCenter();
  const canvas = map.getContainer();
  return {
    id: newSceneId(deck, now),
    title,
    caption,
    search,
    camera: {
      center: [round(center.lng, 6), round(center.lat, 6)],
      zoom: round(map.getZoom(), 3),
      bearing: round(map.getBearing(), 1),
      pitch: round(map.getPitch(), 1),
      mapSize: { width: canvas.clientWidth, height: canvas.clientHeight },
    },
    asOf: manifest.asOf,
    savedAt: now.toISOString(),
    figures: sceneFigures(manifest.headline, search),
  };
}

/**
 * Shows a scene: its view state in the address, then the camera, zoomed so this map shows the
 * extent the scene's map showed (a projector is rarely the size of the desk it was saved on).
 */
export function showScene(map: MapLibreMap, scene: Scene, options: { fly: boolean }): Promise<void> {
  const announced = showSearch(scene.search);
  const c = scene.camera;
  const box = map.getContainer();
  const zoom = c.mapSize ? zoomForSameExtent(c.zoom, c.mapSize, { width: box.clientWidth, height: box.clientHeight }) : c.zoom;
  const camera = { center: c.center, zoom, bearing: c.bearing, pitch: c.pitch };
  if (options.fly) map.flyTo({ ...camera, duration: 2500, essential: true });
  else map.jumpTo(camera);
  return announced;
}
