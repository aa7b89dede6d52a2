/**
 * What each distinct word became (a token, or null when dropped), found from a word's place in the text
 * and its hash without cutting the word out of the text: most words of a corpus have been seen before,
 * so most lookups allocate nothing. Holds at most `capacity` words; past that, `remember` is a no-op.
 */
export class WordCache {
  // Open addressing over pairs [hash, entry + 1]; entry + 1 = 0 marks an empty slot.
  private table: Int32Array;
  private mask: number;
  private readonly words: string[] = [];
  private readonly results: Array<string | null> = [];

  constructor(readonly capacity: number) {
    this.table = new Int32Array(2 << 12);
    this.mask = (1 << 12) - 1;
  }

  get size(): number {
    return this.words.length;
  }

  /** The entry number of text[start, end) (with hash `hash`), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const { table, mask, words } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] - 1;
      if (entry < 0) return -1;
      if (table[2 * slot] === hash && words[entry].length === length && sameChars(text, start, words[entry])) return entry;
    }
  }

  result(entry: number): string | null {
    return this.results[entry];
  }

  remember(word: string, hash: number, result: string | null): void {
    if (this.words.length >= this.capacity) return;
    const entry = this.words.length;
    this.words.push(word);
    this.results.push(result);
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

/** Whether `word` occurs in `text` at `start` (the caller has checked that the lengths fit). */
function sameChars(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}
