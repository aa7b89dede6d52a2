const EMPTY = -1;

/**
 * Numbers ordered pairs of word ids (0, 1, 2, … in first-seen order) with an open-addressing hash table
 * over typed arrays: counting bigrams this way needs neither a joined string nor a boxed key per pair.
 */
export class PairIndex {
  private slots: Int32Array;
  private mask: number;
  private firsts: Int32Array;
  private seconds: Int32Array;
  private count = 0;

  constructor(expectedPairs = 1024) {
    const capacity = nextPowerOfTwo(Math.max(16, expectedPairs * 2));
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.firsts = new Int32Array(Math.max(16, expectedPairs));
    this.seconds = new Int32Array(this.firsts.length);
  }

  get size(): number {
    return this.count;
  }

  first(index: number): number {
    return this.firsts[index];
  }

  second(index: number): number {
    return this.seconds[index];
  }

  /** The pair's number, assigning the next one to a new pair. */
  indexOf(first: number, second: number): number {
    let slot = hashPair(first, second) & this.mask;
    for (;;) {
      const index = this.slots[slot];
      if (index === EMPTY) break;
      if (this.firsts[index] === first && this.seconds[index] === second) return index;
      slot = (slot + 1) & this.mask;
    }
    const index = this.count;
    if (index === this.firsts.length) this.growEntries();
    this.firsts[index] = first;
    this.seconds[index] = second;
    this.slots[slot] = index;
    this.count += 1;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return index;
  }

  /** Keeps only the pairs `keep` accepts, renumbered in their original order; returns the old numbers kept. */
  retain(keep: (index: number) => boolean): Int32Array {
    const kept: number[] = [];
    for (let index = 0; index < this.count; index += 1) {
      if (keep(index)) kept.push(index);
    }
    for (let next = 0; next < kept.length; next += 1) {
      this.firsts[next] = this.firsts[kept[next]];
      this.seconds[next] = this.seconds[kept[next]];
    }
    this.count = kept.length;
    this.rehash(this.slots.length);
    return Int32Array.from(kept);
  }

  private growEntries(): void {
    const firsts = new Int32Array(this.firsts.length * 2);
    firsts.set(this.firsts);
    const seconds = new Int32Array(firsts.length);
    seconds.set(this.seconds);
    this.firsts = firsts;
    this.seconds = seconds;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let index = 0; index < this.count; index += 1) {
      let slot = hashPair(this.firsts[index], this.seconds[index]) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
    }
  }
}

function hashPair(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ second;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

function nextPowerOfTwo(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}
