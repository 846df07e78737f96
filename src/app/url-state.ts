/**
 * The view lives in the address. Every workspace keeps its view state (filters, month, time,
 * toggles) in the query string: it reads it on load, writes it with history.replaceState, and
 * re-reads it when `URL_STATE_EVENT` fires. That event is how the wall tour and briefing scenes
 * apply a saved view without a page load: they set the query, then announce it.
 */
export const URL_STATE_EVENT = 'guatu:urlstate';

/** Replaces the query string (keeping path and hash) and tells every workspace to re-read it. */
export function applyUrlState(search: string): void {
  const url = new URL(location.href);
  url.search = search;
  history.replaceState(history.state, '', url.href);
  window.dispatchEvent(new Event(URL_STATE_EVENT));
}

/** Calls `read` whenever a view is applied; returns the unsubscribe function (use in $effect). */
export function onUrlState(read: (search: string) => void): () => void {
  const listener = (): void => read(location.search);
  window.addEventListener(URL_STATE_EVENT, listener);
  return () => window.removeEventListener(URL_STATE_EVENT, listener);
}
