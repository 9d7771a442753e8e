/**
 * An index from strings to dense integers (0, 1, 2, ... in order of first sight), for the ids
 * of millions of customers and orders. V8's Map slows down sharply past a few hundred thousand
 * fresh string keys (it hashes each new string and rehashes as it grows); this open-addressing
 * table keeps one Int32Array of slots and compares strings only when their 32-bit hashes match.
 */
export class StringIndex {
  /** The strings, in index order. */
  readonly keys: string[] = [];
  private hashes: Int32Array;
  /** Slot -> index + 1 (0 = empty). Power-of-two sized, at most half full. */
  private slots: Int32Array;
  private mask: number;

  /** `expected` keys fit without regrowing the table. */
  constructor(expected = 1024) {
    let size = 2048;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(Math.max(1024, expected));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The index of `key`, or -1. */
  get(key: string): number {
    const h = hashString(key);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) return -1;
      const i = v - 1;
      if (this.hashes[i] === h && this.keys[i] === key) return i;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The index of `key`, adding it when new. */
  intern(key: string): number {
    const h = hashString(key);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) break;
      const i = v - 1;
      if (this.hashes[i] === h && this.keys[i] === key) return i;
      slot = (slot + 1) & this.mask;
    }
    const index = this.keys.length;
    this.keys.push(key);
    if (index === this.hashes.length) {
      const grown = new Int32Array(index * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[index] = h;
    this.slots[slot] = index + 1;
    if ((index + 1) * 2 > this.slots.length) this.grow();
    return index;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.keys.length; i++) {
      let slot = this.hashes[i] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so that similar ids spread out. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
