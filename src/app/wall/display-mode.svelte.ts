/**
 * The display mode as reactive state. The mode is also put on <html data-display="…"> so the
 * page-wide rules of ./display-mode.css (dark page, no side panels, no MapLibre controls on the
 * wall) apply from the first paint, before any component mounts.
 */
import { modeFromSearch, urlForMode, type DisplayMode } from './display-mode';
import './display-mode.css';

const initial = modeFromSearch(location.search);
let current = $state<DisplayMode>(initial);
document.documentElement.dataset.display = initial;

export function displayMode(): DisplayMode {
  return current;
}

export function setDisplayMode(next: DisplayMode): void {
  if (next === current) return;
  current = next;
  document.documentElement.dataset.display = next;
  // Only the wall lives in the address; presenting is a passing state of the desk.
  if (next !== 'present') history.replaceState(history.state, '', urlForMode(location.href, next));
}
