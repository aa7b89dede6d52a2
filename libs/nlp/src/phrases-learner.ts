import { JoinedVocabulary } from './joined-vocabulary';
import { PairIndex } from './pair-index';
import { PhrasesOptions, ResolvedPhrasesOptions, resolvePhrasesOptions } from './phrases-options';

/**
 * Collects the counts gensim 4.2 `Phrases` collects (every token, and every adjacent pair of tokens, in
 * one shared vocabulary) and exports the phrases its default scorer accepts:
 *   score = (pairCount - minCount) / (countA * countB) * vocabularySize,  kept when score > threshold,
 * where vocabularySize counts unigram and bigram entries together. Documents can be fed in any number
 * of batches; memory grows with the vocabulary, not the corpus, and `maxVocabSize` prunes it as gensim
 * does. Several `add` calls count as one pass (gensim's separate add_vocab calls differ only once
 * pruning starts).
 *
 * Pairs are counted by word id, without building joined strings. When joined pairs could collide — a
 * token containing a one-character delimiter, or a longer delimiter — counting switches (after the
 * document that showed it) to gensim's string-keyed vocabulary, so the result stays exact.
 */
export class PhrasesLearner {
  readonly options: ResolvedPhrasesOptions;
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly wordCounts: number[] = [];
  private pairs = new PairIndex(1 << 16);
  private pairCounts: number[] = [];
  private liveWords = 0;
  private minReduce = 1;
  private delimiterInWords = false;
  private tokensSeen = 0;
  private joined: JoinedVocabulary | null = null;

  constructor(options: PhrasesOptions = {}) {
    this.options = resolvePhrasesOptions(options);
    if (this.options.delimiter.length > 1) this.joined = new JoinedVocabulary(this.options.delimiter);
  }

  /** Unigram plus bigram entries, gensim's `len(vocab)`. */
  get vocabularySize(): number {
    return this.joined ? this.joined.size : this.liveWords + this.pairCounts.length;
  }

  /** Tokens counted so far (gensim's `corpus_word_count`). */
  get wordCount(): number {
    return this.tokensSeen;
  }

  add(texts: Iterable<readonly string[]>): this {
    for (const tokens of texts) this.addDocument(tokens);
    return this;
  }

  addDocument(tokens: readonly string[]): void {
    if (this.joined) {
      this.joined.addDocument(tokens);
    } else {
      this.countByIds(tokens);
      if (this.delimiterInWords) this.joined = this.toJoinedVocabulary();
    }
    this.tokensSeen += tokens.length;
    if (this.vocabularySize > this.options.maxVocabSize) this.prune();
  }

  /** The phrases with their scores (gensim `export_phrases()`, i.e. `FrozenPhrases.phrasegrams`). */
  exportPhrases(): Map<string, number> {
    const score = (pairCount: number, countA: number, countB: number, vocabularySize: number) =>
      ((pairCount - this.options.minCount) / (countA * countB)) * vocabularySize;
    if (this.joined) return this.joined.exportPhrases(score, this.options.threshold);
    const { words, wordCounts, pairs, pairCounts } = this;
    const { delimiter, threshold } = this.options;
    const vocabularySize = this.vocabularySize;
    const phrases = new Map<string, number>();
    for (let pair = 0; pair < pairCounts.length; pair += 1) {
      const a = pairs.first(pair);
      const b = pairs.second(pair);
      if (wordCounts[a] <= 0 || wordCounts[b] <= 0) continue;
      const value = score(pairCounts[pair], wordCounts[a], wordCounts[b], vocabularySize);
      if (value > threshold) phrases.set(words[a] + delimiter + words[b], value);
    }
    return phrases;
  }

  private countByIds(tokens: readonly string[]): void {
    const { wordIds, wordCounts, pairs, pairCounts } = this;
    let previous = -1;
    for (let i = 0; i < tokens.length; i += 1) {
      const word = tokens[i];
      let id = wordIds.get(word);
      if (id === undefined) id = this.addWord(word);
      if (wordCounts[id]++ === 0) this.liveWords += 1;
      if (previous >= 0) {
        const pair = pairs.indexOf(previous, id);
        if (pair === pairCounts.length) pairCounts.push(1);
        else pairCounts[pair] += 1;
      }
      previous = id;
    }
  }

  private addWord(word: string): number {
    const id = this.words.length;
    this.wordIds.set(word, id);
    this.words.push(word);
    this.wordCounts.push(0);
    if (word.includes(this.options.delimiter)) this.delimiterInWords = true;
    return id;
  }

  /** The same counts keyed by joined strings (colliding keys summed, as gensim counts them). */
  private toJoinedVocabulary(): JoinedVocabulary {
    const { words, wordCounts, pairs, pairCounts } = this;
    const counts = new Map<string, number>();
    words.forEach((word, id) => {
      if (wordCounts[id] > 0) counts.set(word, wordCounts[id]);
    });
    for (let pair = 0; pair < pairCounts.length; pair += 1) {
      const key = words[pairs.first(pair)] + this.options.delimiter + words[pairs.second(pair)];
      counts.set(key, (counts.get(key) ?? 0) + pairCounts[pair]);
    }
    this.wordIds.clear();
    this.words.length = 0;
    this.wordCounts.length = 0;
    this.pairs = new PairIndex(16);
    this.pairCounts = [];
    this.liveWords = 0;
    return new JoinedVocabulary(this.options.delimiter, this.minReduce, counts);
  }

  /** gensim `prune_vocab`: drops entries counted fewer than `minReduce` times, then raises `minReduce`. */
  private prune(): void {
    if (this.joined) {
      this.joined.prune();
      return;
    }
    const { wordCounts, minReduce } = this;
    for (let id = 0; id < wordCounts.length; id += 1) {
      if (wordCounts[id] > 0 && wordCounts[id] < minReduce) {
        wordCounts[id] = 0;
        this.liveWords -= 1;
      }
    }
    const oldCounts = this.pairCounts;
    const kept = this.pairs.retain((pair) => oldCounts[pair] >= minReduce);
    this.pairCounts = Array.from(kept, (pair) => oldCounts[pair]);
    this.minReduce += 1;
  }
}
