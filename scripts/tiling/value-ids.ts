/**
 * Ids for distinct tile property values (string, number or boolean), equal by SameValueZero as a
 * Map's keys are (0 and −0 are one value, NaN is one value, "1" and 1 are two).
 *
 * Why not a Map: the point tiler interns every value of a million problems, and its ids,
 * descriptions, report and deadline times are nearly all distinct — 4M keys, which a Map holds in
 * ~250 MB of entries (measured at 1M problems, the build's peak). Here the keys are the `values`
 * list itself and the hash table is an Int32Array of ids: ~16 bytes per value with the list.
 */
export type TileValue = string | number | boolean;

const EMPTY = -1;
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

export class ValueIds {
  /** Each distinct value once; a value's id is its index. */
  readonly values: TileValue[] = [];
  private slots = new Int32Array(1024).fill(EMPTY);
  private mask = 1023;

  /** The value's id, a new one when it has not been seen. */
  idOf(value: TileValue): number {
    for (let slot = hash(value) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot]!;
      if (id === EMPTY) {
        const fresh = this.values.length;
        this.values.push(value);
        this.slots[slot] = fresh;
        // Load at most one half: probes stay short.
        if (this.values.length * 2 > this.slots.length) this.grow();
        return fresh;
      }
      if (sameValueZero(this.values[id]!, value)) return id;
    }
  }

  get size(): number {
    return this.values.length;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    this.values.forEach((value, id) => {
      let slot = hash(value) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    });
    this.slots = slots;
    this.mask = mask;
  }
}

function sameValueZero(a: TileValue, b: TileValue): boolean {
  // `===` already makes 0 and −0 one value; NaN is the value not equal to itself.
  return a === b || (a !== a && b !== b);
}

/** A 32-bit hash; strings, numbers and booleans fall apart by a type seed. */
function hash(value: TileValue): number {
  if (typeof value === 'string') {
    // FNV-1a over UTF-16 code units.
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return mix(h);
  }
  if (typeof value === 'boolean') return value ? 0x2545f491 : 0x4f6cdd1d;
  if (value !== value) return 0x7ff80000; // every NaN alike
  scratch[0] = value === 0 ? 0 : value; // −0 as 0
  return mix(scratchWords[0]! ^ mix(scratchWords[1]! ^ 0x9e3779b9));
}

/** murmur3's finaliser: spreads the bits so that nearby keys land in far slots. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
