/**
 * What the lighting workspace exposes on `window.__guatuLighting` for the browser tests (and an
 * operator's console): whether its layers are on the map, day or night, and the night view's
 * instant, groups on and lamp counts as the panel shows them.
 */
export interface LightingTestHook {
  layersReady: boolean;
  night: boolean;
  /** Epoch ms of the night view's moment. */
  instant: number;
  groupsOn: string[];
  lit: number;
  shouldLight: number;
}

declare global {
  interface Window {
    __guatuLighting?: LightingTestHook;
  }
}

export function lightingTestHook(): LightingTestHook {
  window.__guatuLighting ??= { layersReady: false, night: false, instant: 0, groupsOn: [], lit: 0, shouldLight: 0 };
  return window.__guatuLighting;
}
