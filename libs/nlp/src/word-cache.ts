/**
 * What each distinct word became (a token, or null when dropped), found from the word's place in the
 * text and its hash without cutting the word out of the text: most words of a corpus have been seen
 * before, so most lookups allocate nothing. Words are kept as UTF-16 units in one growing arena, the
 * earliest (usually the most frequent) first, which keeps comparisons cache-friendly. Holds at most
 * `capacity` words; past that, `remember` is a no-op.
 */
export class WordCache {
  // Open addressing over pairs [hash, entry + 1]; entry + 1 = 0 marks an empty slot.
  private table = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private offsets = new Int32Array(1 << 10);
  private lengths = new Int32Array(1 << 10);
  private arena = new Uint16Array(1 << 14);
  private arenaUsed = 0;
  private readonly results: Array<string | null> = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.results.length;
  }

  /** The entry number of text[start, end) (with hash `hash`), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const { table, mask, lengths, offsets, arena } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] - 1;
      if (entry < 0) return -1;
      if (table[2 * slot] === hash && lengths[entry] === length) {
        const offset = offsets[entry];
        let i = 0;
        while (i < length && text.charCodeAt(start + i) === arena[offset + i]) i += 1;
        if (i === length) return entry;
      }
    }
  }

  result(entry: number): string | null {
    return this.results[entry];
  }

  remember(word: string, hash: number, result: string | null): void {
    const entry = this.results.length;
    if (entry >= this.capacity) return;
    this.results.push(result);
    if (entry === this.offsets.length) {
      this.offsets = grown(this.offsets, entry * 2);
      this.lengths = grown(this.lengths, entry * 2);
    }
    if (this.arenaUsed + word.length > this.arena.length) {
      const arena = new Uint16Array(Math.max(this.arena.length * 2, this.arenaUsed + word.length));
      arena.set(this.arena);
      this.arena = arena;
    }
    this.offsets[entry] = this.arenaUsed;
    this.lengths[entry] = word.length;
    for (let i = 0; i < word.length; i += 1) this.arena[this.arenaUsed + i] = word.charCodeAt(i);
    this.arenaUsed += word.length;
    if ((entry + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    this.place(hash, entry);
  }

  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = entry + 1;
  }

  private resize(slots: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot + 1] !== 0) this.place(old[slot], old[slot + 1] - 1);
    }
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(length);
  copy.set(array);
  return copy;
}
