/**
 * Turns popup content into elements. Untrusted text is text: names, descriptions and chiefs come
 * from users, so every string goes in through `textContent`, never as HTML; a description of
 * `<img src=x onerror=alert(1)>` shows as those characters.
 */
import type { PopupContent } from './feature-popup';

export function renderPopup(content: PopupContent, doc: Document = document): HTMLElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
    const node = doc.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const root = el('div', `gt-popup gt-popup--${content.kind}`);
  root.append(el('div', 'gt-popup__kind', content.heading), el('div', 'gt-popup__title', content.title));
  const table = el('table', 'gt-popup__rows');
  const body = el('tbody', '');
  for (const row of content.rows) {
    const tr = el('tr', row.alert ? 'gt-popup__row gt-popup__row--alert' : 'gt-popup__row');
    tr.append(el('th', '', row.label), el('td', '', row.value));
    body.append(tr);
  }
  table.append(body);
  root.append(table);
  return root;
}
