/**
 * The briefing deck: scenes (a saved view + title + caption + the figures at its as-of time) in
 * the order of the weekly meeting. Kept as a JSON file that staff download, email and load again
 * (format in docs/DATA-FORMATS.md), so loading validates every field and names the bad one.
 * Titles and captions are untrusted text: they are only ever shown as text. Pure: tested in Node.
 */
import { JsonReader, type Obj } from './json-check';
import { KPI_KEYS, type SceneFigure } from './kpi';
import { readCamera, readSearch, type Camera, type Size } from './view';

export const DECK_FORMAT = 'guatu-briefing-deck';

export interface SceneCamera extends Camera {
  /** The map's size in CSS pixels when saved, so another screen can show the same extent. */
  mapSize: Size | null;
}

export interface Scene {
  id: string;
  title: string;
  caption: string;
  /** The view's query (workspace, layers, filters, time), screen parameters removed. */
  search: string;
  camera: SceneCamera;
  /** The data's as-of time when the scene was saved (manifest.asOf). */
  asOf: string;
  savedAt: string;
  figures: SceneFigure[];
}

export interface Deck {
  format: typeof DECK_FORMAT;
  version: 1;
  title: string;
  /** The sub-district the scenes were saved on; a deck of another one is refused. */
  subDistrict: { code: string; name: string } | null;
  scenes: Scene[];
}

export const DECK_LIMITS = {
  scenes: 200,
  title: 120,
  caption: 1000,
  id: 64,
  /** A deck file larger than this is not a deck (1 MiB holds thousands of scenes). */
  fileBytes: 1 << 20,
} as const;

export function emptyDeck(title: string, subDistrict: Deck['subDistrict']): Deck {
  return { format: DECK_FORMAT, version: 1, title, subDistrict, scenes: [] };
}

function readScene(r: JsonReader, raw: unknown, path: string): Scene {
  const s: Obj = r.object(raw, path);
  const camera = readCamera(r, s.camera, `${path}.camera`);
  const c = s.camera as Obj;
  let mapSize: Size | null = null;
  if (c.mapSize !== undefined && c.mapSize !== null) {
    const m = r.object(c.mapSize, `${path}.camera.mapSize`);
    mapSize = { width: r.number(m.width, `${path}.camera.mapSize.width`, 1, 100_000), height: r.number(m.height, `${path}.camera.mapSize.height`, 1, 100_000) };
  }
  const figures = s.figures === undefined ? [] : r.array(s.figures, `${path}.figures`, KPI_KEYS.length);
  return {
    id: r.string(s.id, `${path}.id`, DECK_LIMITS.id, { nonEmpty: true }),
    title: r.string(s.title, `${path}.title`, DECK_LIMITS.title),
    caption: r.string(s.caption ?? '', `${path}.caption`, DECK_LIMITS.caption),
    search: readSearch(r, s.search, `${path}.search`),
    camera: { ...camera, mapSize },
    asOf: r.isoTime(s.asOf, `${path}.asOf`),
    savedAt: r.isoTime(s.savedAt, `${path}.savedAt`),
    figures: figures.map((f, i) => {
      const fo = r.object(f, `${path}.figures[${i}]`);
      return { key: r.oneOf(fo.key, `${path}.figures[${i}].key`, KPI_KEYS), value: r.number(fo.value, `${path}.figures[${i}].value`, -1e12, 1e12) };
    }),
  };
}

/**
 * Validates parsed JSON as a deck. `expectSubDistrict` refuses a deck saved on another
 * sub-district (its cameras and filters would point at the wrong place).
 */
export function parseDeck(json: unknown, file: string, expectSubDistrict?: { code: string; name: string }): Deck {
  const r = new JsonReader(file);
  const root = r.object(json, '(root)');
  if (root.format !== DECK_FORMAT) r.fail('format', root.format, `"${DECK_FORMAT}" (this is not a Guatu briefing deck)`);
  if (root.version !== 1) r.fail('version', root.version, '1');
  let subDistrict: Deck['subDistrict'] = null;
  if (root.subDistrict !== undefined && root.subDistrict !== null) {
    const sd = r.object(root.subDistrict, 'subDistrict');
    subDistrict = { code: r.string(sd.code, 'subDistrict.code', 20), name: r.string(sd.name, 'subDistrict.name', 60) };
    if (expectSubDistrict && subDistrict.code !== expectSubDistrict.code) {
      r.fail('subDistrict.code', subDistrict.code, `"${expectSubDistrict.code}" (${expectSubDistrict.name}); the deck was saved on ${subDistrict.name}`);
    }
  }
  const scenes = r.array(root.scenes, 'scenes', DECK_LIMITS.scenes).map((s, i) => readScene(r, s, `scenes[${i}]`));
  const seen = new Set<string>();
  scenes.forEach((s, i) => {
    if (seen.has(s.id)) r.fail(`scenes[${i}].id`, s.id, 'an id no other scene has');
    seen.add(s.id);
  });
  return { format: DECK_FORMAT, version: 1, title: r.string(root.title, 'title', DECK_LIMITS.title), subDistrict, scenes };
}

/** The deck as the JSON file staff download (stable key order, indented for a diff). */
export function deckToJson(deck: Deck): string {
  return `${JSON.stringify(deck, null, 2)}\n`;
}

/** Moves the scene at `from` to `to` (indices clamped); a new deck, the old one untouched. */
export function moveScene(deck: Deck, from: number, to: number): Deck {
  if (from < 0 || from >= deck.scenes.length) return deck;
  const target = Math.max(0, Math.min(deck.scenes.length - 1, to));
  if (target === from) return deck;
  const scenes = [...deck.scenes];
  const [scene] = scenes.splice(from, 1);
  scenes.splice(target, 0, scene!);
  return { ...deck, scenes };
}

export function deleteScene(deck: Deck, id: string): Deck {
  return { ...deck, scenes: deck.scenes.filter((s) => s.id !== id) };
}

export function updateScene(deck: Deck, id: string, patch: Partial<Pick<Scene, 'title' | 'caption'>>): Deck {
  const clip = (text: string | undefined, max: number) => (text === undefined ? undefined : text.slice(0, max));
  return {
    ...deck,
    scenes: deck.scenes.map((s) =>
      s.id === id ? { ...s, title: clip(patch.title, DECK_LIMITS.title) ?? s.title, caption: clip(patch.caption, DECK_LIMITS.caption) ?? s.caption } : s,
    ),
  };
}

/** Appends a scene, or inserts it after `afterId` (the scene being presented or edited). */
export function addScene(deck: Deck, scene: Scene, afterId?: string): Deck {
  if (deck.scenes.length >= DECK_LIMITS.scenes) throw new Error(`a deck holds at most ${DECK_LIMITS.scenes} scenes`);
  const at = afterId === undefined ? -1 : deck.scenes.findIndex((s) => s.id === afterId);
  const scenes = [...deck.scenes];
  scenes.splice(at < 0 ? scenes.length : at + 1, 0, scene);
  return { ...deck, scenes };
}

/** A scene id no other scene of the deck has, from a clock and a counter (no randomness needed). */
export function newSceneId(deck: Deck, now: Date): string {
  const base = `s${now.getTime().toString(36)}`;
  let id = base;
  for (let n = 2; deck.scenes.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}
