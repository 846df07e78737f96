/**
 * The live map, shared with the thin components that work on it (visibility, choropleth metric,
 * popups). MapView renders its children only once the style has loaded, so they always get a map.
 */
import { createContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapContext {
  readonly map: MapLibreMap;
}

const [getContext, setContext] = createContext<MapContext>();

export const getMapContext = getContext;
export const setMapContext = setContext;
