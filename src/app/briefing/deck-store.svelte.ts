/**
 * The deck being edited, as reactive state, kept in the browser's localStorage so a reload or a
 * crash does not lose the week's scenes. The downloadable JSON file is the deck's real home;
 * this copy is a convenience and is validated like a loaded file.
 */
import { deckToJson, emptyDeck, parseDeck, type Deck } from '../../analysis/presentation/deck';

export const DECK_STORAGE_KEY = 'guatu.briefing.deck';

function stored(subDistrict: Deck['subDistrict']): Deck | null {
  try {
    const text = localStorage.getItem(DECK_STORAGE_KEY);
    if (!text) return null;
    return parseDeck(JSON.parse(text), DECK_STORAGE_KEY, subDistrict ?? undefined);
  } catch {
    return null; // unreadable or another sub-district's: start a new deck
  }
}

export class DeckStore {
  deck = $state.raw<Deck>(emptyDeck('', null));

  constructor(defaultTitle: string, subDistrict: Deck['subDistrict']) {
    this.deck = stored(subDistrict) ?? emptyDeck(defaultTitle, subDistrict);
  }

  set(next: Deck): void {
    this.deck = next;
    try {
      localStorage.setItem(DECK_STORAGE_KEY, deckToJson(next));
    } catch {
      // storage full or disabled: the deck still holds for this page; the JSON download keeps it
    }
  }
}
