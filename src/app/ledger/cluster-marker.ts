/**
 * A cluster on the map: a small donut of its status mix (受理 … 结案) around its problem count.
 * Built with DOM calls (SVG elements, textContent), never HTML strings. Clicking it is a button
 * press; the map component zooms to where the cluster splits.
 */
import { PROBLEM_STATUSES } from '../../contract';
import { STATUS_COLORS } from './colors';

const SVG = 'http://www.w3.org/2000/svg';

/** Donut diameter in pixels: grows with the logarithm of the count, 30–64 px. */
export function donutSize(count: number): number {
  return Math.round(Math.min(64, 30 + 8 * Math.log10(Math.max(1, count))));
}

/** Arc path of a ring segment from fraction a to b of the circle (0 = 12 o'clock, clockwise). */
export function ringSegment(cx: number, r: number, inner: number, a: number, b: number): string {
  const point = (f: number, radius: number): string => {
    const angle = 2 * Math.PI * f - Math.PI / 2;
    return `${(cx + radius * Math.cos(angle)).toFixed(2)} ${(cx + radius * Math.sin(angle)).toFixed(2)}`;
  };
  // A whole ring cannot be one arc (its ends meet): two half circles out, two back (fill-rule evenodd).
  if (b - a >= 0.9999) {
    const half = (radius: number, sweep: 0 | 1): string => `A ${radius} ${radius} 0 1 ${sweep} ${point(0.5, radius)} A ${radius} ${radius} 0 1 ${sweep} ${point(0, radius)}`;
    return `M ${point(0, r)} ${half(r, 1)} Z M ${point(0, inner)} ${half(inner, 0)} Z`;
  }
  const large = b - a > 0.5 ? 1 : 0;
  return `M ${point(a, r)} A ${r} ${r} 0 ${large} 1 ${point(b, r)} L ${point(b, inner)} A ${inner} ${inner} 0 ${large} 0 ${point(a, inner)} Z`;
}

export function clusterElement(count: number, statuses: readonly number[], label: string, countText: string, doc: Document = document): HTMLElement {
  const size = donutSize(count);
  const el = doc.createElement('button');
  el.type = 'button';
  el.className = 'ledger-cluster';
  el.dataset.count = String(count);
  el.setAttribute('aria-label', label);
  el.title = label;
  el.style.width = `${size}px`;
  el.style.height = `${size}px`;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('aria-hidden', 'true');
  const c = size / 2;
  const disc = doc.createElementNS(SVG, 'circle');
  disc.setAttribute('cx', String(c));
  disc.setAttribute('cy', String(c));
  disc.setAttribute('r', String(c - 1));
  disc.setAttribute('fill', 'rgba(255,255,255,0.92)');
  svg.append(disc);
  const total = statuses.reduce((s, n) => s + n, 0);
  let at = 0;
  PROBLEM_STATUSES.forEach((status, k) => {
    const n = statuses[k] ?? 0;
    if (n <= 0 || total <= 0) return;
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', ringSegment(c, c - 1, c - Math.max(5, size * 0.18), at, at + n / total));
    path.setAttribute('fill', STATUS_COLORS[status]);
    path.setAttribute('fill-rule', 'evenodd');
    path.dataset.status = status;
    svg.append(path);
    at += n / total;
  });
  const text = doc.createElement('span');
  text.className = 'ledger-cluster__count';
  text.textContent = countText;
  el.append(svg, text);
  return el;
}
