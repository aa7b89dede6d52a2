/**
 * gensim's own phrase vocabulary: one Map from each unigram and each delimiter-joined bigram to its
 * count. Slower than counting id pairs, but exact when joined bigrams can collide with tokens or with
 * each other (tokens that contain the delimiter, as in a second phrase layer, or a multi-character
 * delimiter), where gensim adds the colliding counts together.
 */
export class JoinedVocabulary {
  readonly counts: Map<string, number>;

  constructor(
    readonly delimiter: string,
    private minReduce = 1,
    counts = new Map<string, number>(),
  ) {
    this.counts = counts;
  }

  get size(): number {
    return this.counts.size;
  }

  /** gensim `Phrases._learn_vocab` for one sentence (no connector words). */
  addDocument(tokens: readonly string[]): void {
    const { counts, delimiter } = this;
    let previous: string | undefined;
    for (const word of tokens) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      if (previous !== undefined) {
        const bigram = previous + delimiter + word;
        counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
      }
      previous = word;
    }
  }

  /** gensim `utils.prune_vocab`: drops entries counted fewer than `minReduce` times, then raises it. */
  prune(): void {
    for (const [key, count] of this.counts) {
      if (count < this.minReduce) this.counts.delete(key);
    }
    this.minReduce += 1;
  }

  /** gensim `Phrases.export_phrases`: splits every entry on the delimiter and scores first and last part. */
  exportPhrases(
    score: (pairCount: number, countA: number, countB: number, vocabularySize: number) => number,
    threshold: number,
  ): Map<string, number> {
    const { counts, delimiter } = this;
    const phrases = new Map<string, number>();
    for (const [entry, count] of counts) {
      const parts = entry.split(delimiter);
      if (parts.length < 2) continue;
      const countA = counts.get(parts[0]) ?? 0;
      const countB = counts.get(parts[parts.length - 1]) ?? 0;
      if (countA <= 0 || countB <= 0) continue;
      const value = score(count, countA, countB, counts.size);
      if (value > threshold) phrases.set(entry, value);
    }
    return phrases;
  }
}
