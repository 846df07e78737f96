/**
 * maplibre-gl 6 ships its worker as a separate module and finds it next to its own file through
 * `import.meta.url`. Once Vite bundles maplibre-gl into an app chunk that neighbour is gone, so the
 * worker file is emitted as an asset and its URL handed over explicitly. (In dev, Vite serves
 * maplibre-gl unbundled — optimizeDeps.exclude in vite.config.ts — and the same URL also works.)
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { pmtilesProtocol } from './pmtiles-archives';

export function configureMapLibre(): void {
  setWorkerUrl(new URL(workerUrl, document.baseURI).href);
  pmtilesProtocol();
}
