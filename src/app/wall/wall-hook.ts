/**
 * What the wall screen exposes on `window.__guatuWall` for the browser tests and the soak
 * benchmark (and an operator's console): which stop is showing, how many transitions and
 * in-place refreshes happened, and what is failing. Null outside wall mode.
 */
export interface WallHook {
  stopKey: string | null;
  index: number;
  stops: number;
  transitions: number;
  refreshes: number;
  /** builtAt of the manifest the wall is showing. */
  builtAt: string;
  paused: boolean;
  /** Health keys (archive names, 'manifest', 'lists') currently failing and retried. */
  failing: string[];
  /** Rows of today's red items; null until read (or unreadable). */
  redItems: number | null;
}

declare global {
  interface Window {
    __guatuWall?: WallHook | null;
  }
}

export function publishWallHook(state: WallHook | null): void {
  window.__guatuWall = state;
}
