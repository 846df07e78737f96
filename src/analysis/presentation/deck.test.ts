import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addScene, deckToJson, deleteScene, emptyDeck, moveScene, newSceneId, parseDeck, updateScene, type Deck, type Scene } from './deck';

const SD = { code: '320102099', name: '梧桐街道' };

function scene(id: string, title = id): Scene {
  return {
    id,
    title,
    caption: '',
    search: '?layers=problems',
    camera: { center: [118.78, 32.044], zoom: 14.5, bearing: 0, pitch: 0, mapSize: { width: 1520, height: 1020 } },
    asOf: '2026-11-20T17:00:00+08:00',
    savedAt: '2026-11-22T09:00:00+08:00',
    figures: [{ key: 'problemsOpen', value: 126 }],
  };
}

function deckOf(...ids: string[]): Deck {
  return { ...emptyDeck('周例会', SD), scenes: ids.map((id) => scene(id)) };
}

describe('the briefing deck file', () => {
  it('round-trips through its JSON', () => {
    const deck = deckOf('a', 'b');
    expect(parseDeck(JSON.parse(deckToJson(deck)), 'deck.json', SD)).toEqual(deck);
  });

  it('reads the sample deck in data/sample/briefing-deck.json', () => {
    const deck = parseDeck(JSON.parse(readFileSync(new URL('../../../data/sample/briefing-deck.json', import.meta.url), 'utf8')), 'briefing-deck.json', SD);
    expect(deck.scenes.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps markup in a title as the text it is', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const deck = { ...deckOf('a'), scenes: [{ ...scene('a'), title: payload, caption: payload }] };
    expect(parseDeck(JSON.parse(deckToJson(deck)), 'deck.json').scenes[0]).toMatchObject({ title: payload, caption: payload });
  });

  it('names the scene, field and expectation of a bad file', () => {
    const bad = JSON.parse(deckToJson(deckOf('a', 'b', 'c'))) as { scenes: { camera: { zoom: unknown } }[] };
    bad.scenes[2]!.camera.zoom = 'abc';
    expect(() => parseDeck(bad, 'deck.json')).toThrow('deck.json: scenes[2].camera.zoom is "abc"; expected a number from 0 to 24');
    expect(() => parseDeck({ scenes: [] }, 'x.json')).toThrow('x.json: format is missing; expected "guatu-briefing-deck"');
    expect(() => parseDeck([1, 2], 'x.json')).toThrow('x.json: (root) is [1,2]; expected an object');
    const dup = JSON.parse(deckToJson(deckOf('a', 'a'))) as unknown;
    expect(() => parseDeck(dup, 'deck.json')).toThrow('scenes[1].id is "a"; expected an id no other scene has');
    const badFigure = JSON.parse(deckToJson(deckOf('a'))) as { scenes: { figures: unknown[] }[] };
    badFigure.scenes[0]!.figures = [{ key: 'votes', value: 1 }];
    expect(() => parseDeck(badFigure, 'deck.json')).toThrow('scenes[0].figures[0].key is "votes"');
  });

  it("refuses a deck saved on another sub-district, naming both", () => {
    const other = { ...deckOf('a'), subDistrict: { code: '320102001', name: '别的街道' } };
    expect(() => parseDeck(JSON.parse(deckToJson(other)), 'deck.json', SD)).toThrow('subDistrict.code is "320102001"; expected "320102099" (梧桐街道); the deck was saved on 别的街道');
  });
});

describe('editing a deck', () => {
  const ids = (d: Deck) => d.scenes.map((s) => s.id).join('');

  it('moves a scene up, down, to either end, and clamps beyond them', () => {
    const d = deckOf('a', 'b', 'c', 'd');
    expect(ids(moveScene(d, 2, 1))).toBe('acbd');
    expect(ids(moveScene(d, 0, 1))).toBe('bacd');
    expect(ids(moveScene(d, 3, 0))).toBe('dabc');
    expect(ids(moveScene(d, 0, 99))).toBe('bcda');
    expect(moveScene(d, 7, 0)).toBe(d);
    expect(ids(d)).toBe('abcd');
  });

  it('deletes, edits and inserts after a given scene', () => {
    const d = deckOf('a', 'b', 'c');
    expect(ids(deleteScene(d, 'b'))).toBe('ac');
    const edited = updateScene(d, 'b', { caption: '新的说明' });
    expect(edited.scenes[1]).toMatchObject({ title: 'b', caption: '新的说明' });
    expect(updateScene(d, 'b', { title: 'x'.repeat(500) }).scenes[1]?.title).toHaveLength(120);
    expect(ids(addScene(d, scene('z'), 'a'))).toBe('azbc');
    expect(ids(addScene(d, scene('z')))).toBe('abcz');
  });

  it('makes scene ids no other scene has', () => {
    const now = new Date(1_700_000_000_000);
    const first = newSceneId(emptyDeck('', null), now);
    const d = { ...deckOf(), scenes: [scene(first)] };
    expect(newSceneId(d, now)).toBe(`${first}-2`);
  });
});
