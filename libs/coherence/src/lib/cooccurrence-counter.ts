import { CooccurrenceCounts, MAX_TOPIC_WORDS, pairSlot } from './cooccurrence-counts';
import { CoherenceInputError } from './errors';
import { CoherenceMode } from './types';

const ABSENT = -1;

/**
 * Counts, text by text, the windows in which each topic word and each pair of topic words occur.
 *
 * Tokens that are not topic words become placeholders that still take window positions (as in gensim).
 * Instead of enumerating the words of every window, it records when each word's presence began and, when
 * that presence ends, credits the word and every word present with it with the windows they shared. A slide
 * changes at most two words, so the work is proportional to tokens x words present, not windows x pairs.
 */
export class CooccurrenceCounter {
  private readonly size: number;
  private readonly occurrences: Float64Array;
  private readonly pairs: Float64Array;
  /** pairSlot(i, j) = rowBase[i] + j */
  private readonly rowBase: Int32Array;
  private numWindows = 0;
  private textsSeen = 0;
  private ids = new Int32Array(1024);
  /** Window index at which the word's current presence began, or ABSENT. */
  private readonly presentSince: Int32Array;
  /** The words present now, unordered, with each word's position in that list. */
  private readonly presentWords: Int32Array;
  private readonly presentSlot: Int32Array;
  private presentCount = 0;
  /** 'exact' mode: copies of each word inside the current window. */
  private readonly copiesInWindow: Int32Array;

  /**
   * @param vocabulary topic word -> index in 0..vocabulary.size-1
   * @param window sliding-window size, or null for one window per text (boolean document)
   */
  constructor(
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly window: number | null,
    private readonly mode: CoherenceMode,
  ) {
    const size = vocabulary.size;
    if (size > MAX_TOPIC_WORDS) {
      throw new CoherenceInputError(`topics hold ${size} distinct words; at most ${MAX_TOPIC_WORDS} are supported`);
    }
    this.size = size;
    this.occurrences = new Float64Array(size);
    this.pairs = new Float64Array((size * (size - 1)) / 2);
    this.rowBase = new Int32Array(size);
    for (let i = 0; i < size; i++) this.rowBase[i] = pairSlot(size, i, 0);
    this.presentSince = new Int32Array(size).fill(ABSENT);
    this.presentWords = new Int32Array(size);
    this.presentSlot = new Int32Array(size);
    this.copiesInWindow = new Int32Array(size);
  }

  /** Adds one text. A text shorter than the window is one window; an empty text is one empty window. */
  addText(tokens: readonly string[]): void {
    const length = this.mapTokens(tokens);
    const windowSize = this.window === null ? length : Math.min(length, this.window);
    const windows = length - windowSize + 1;
    const ids = this.ids;
    const exact = this.mode === 'exact';

    for (let p = 0; p < windowSize; p++) {
      const id = ids[p];
      if (id === ABSENT) continue;
      if (exact) this.copiesInWindow[id]++;
      if (this.presentSince[id] === ABSENT) this.open(id, 0);
    }
    for (let k = 1; k < windows; k++) {
      const leaving = ids[k - 1];
      const entering = ids[k - 1 + windowSize];
      if (leaving === entering) {
        // exact: the copy count is unchanged; gensim clears the word, then sets it again
        if (!exact && entering !== ABSENT && this.presentSince[entering] === ABSENT) this.open(entering, k);
        continue;
      }
      if (leaving !== ABSENT) {
        if (exact) {
          if (--this.copiesInWindow[leaving] === 0) this.close(leaving, k);
        } else if (this.presentSince[leaving] !== ABSENT) {
          // gensim forgets the word even when another copy is still inside the window
          this.close(leaving, k);
        }
      }
      if (entering !== ABSENT) {
        if (exact) this.copiesInWindow[entering]++;
        if (this.presentSince[entering] === ABSENT) this.open(entering, k);
      }
    }
    while (this.presentCount > 0) this.close(this.presentWords[this.presentCount - 1], windows);
    if (exact) {
      for (let p = windows - 1; p < length; p++) if (ids[p] !== ABSENT) this.copiesInWindow[ids[p]] = 0;
    }
    this.numWindows += windows;
    this.textsSeen++;
  }

  counts(): CooccurrenceCounts {
    return { size: this.size, numWindows: this.numWindows, occurrences: this.occurrences, pairs: this.pairs };
  }

  /** Fills this.ids with each token's topic-word index or ABSENT; returns the text's length. */
  private mapTokens(tokens: readonly string[]): number {
    if (!Array.isArray(tokens)) throw new CoherenceInputError(`texts[${this.textsSeen}] must be a list of tokens`);
    const length = tokens.length;
    if (this.ids.length < length) this.ids = new Int32Array(Math.max(length, this.ids.length * 2));
    const ids = this.ids;
    const vocabulary = this.vocabulary;
    for (let p = 0; p < length; p++) {
      const token: unknown = tokens[p];
      if (typeof token !== 'string') {
        throw new CoherenceInputError(`texts[${this.textsSeen}][${p}] must be a string (got ${JSON.stringify(token) ?? String(token)})`);
      }
      ids[p] = vocabulary.get(token) ?? ABSENT;
    }
    return length;
  }

  private open(id: number, windowIndex: number): void {
    this.presentSince[id] = windowIndex;
    this.presentSlot[id] = this.presentCount;
    this.presentWords[this.presentCount++] = id;
  }

  /** Ends the word's presence before window `end`, crediting it and every word present with it. */
  private close(id: number, end: number): void {
    const since = this.presentSince[id];
    this.occurrences[id] += end - since;
    const { presentWords, presentSince, rowBase, pairs } = this;
    for (let q = 0; q < this.presentCount; q++) {
      const other = presentWords[q];
      if (other === id) continue;
      const otherSince = presentSince[other];
      const shared = end - (since > otherSince ? since : otherSince);
      if (id < other) pairs[rowBase[id] + other] += shared;
      else pairs[rowBase[other] + id] += shared;
    }
    const slot = this.presentSlot[id];
    const last = presentWords[--this.presentCount];
    presentWords[slot] = last;
    this.presentSlot[last] = slot;
    presentSince[id] = ABSENT;
  }
}
