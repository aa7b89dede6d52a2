import { SerializationError } from './errors';
import { PhrasesLearner } from './phrases-learner';
import { PhrasesOptions } from './phrases-options';

export interface PhrasesJson {
  schema: 1;
  minCount: number;
  threshold: number;
  delimiter: string;
  /** [phrase, score] in the order they were learned. */
  phrasegrams: Array<[string, number]>;
}

/**
 * A learned phrase model applied like gensim 4.2 `FrozenPhrases` (`Phraser`): tokens are scanned left
 * to right and each adjacent pair whose joined form is a known phrase is merged greedily, so in
 * "a b c" with phrases a_b and b_c only a_b is made. Apply a second model to the first's output for
 * trigrams.
 */
export class Phrases {
  readonly minCount: number;
  readonly threshold: number;
  readonly delimiter: string;
  readonly phrasegrams: ReadonlyMap<string, number>;
  // left token → right token → the phrase they make; avoids building a joined string per pair.
  private readonly joins = new Map<string, Map<string, string>>();

  constructor(
    options: { minCount: number; threshold: number; delimiter: string },
    phrasegrams: ReadonlyMap<string, number>,
  ) {
    this.minCount = options.minCount;
    this.threshold = options.threshold;
    this.delimiter = options.delimiter;
    this.phrasegrams = phrasegrams;
    for (const [phrase, score] of phrasegrams) {
      if (score > this.threshold) this.indexSplits(phrase);
    }
  }

  /** Learns phrases from token lists (one pass; see PhrasesLearner to feed batches yourself). */
  static learn(texts: Iterable<readonly string[]>, options: PhrasesOptions = {}): Phrases {
    return Phrases.fromLearner(new PhrasesLearner(options).add(texts));
  }

  static fromLearner(learner: PhrasesLearner): Phrases {
    return new Phrases(learner.options, learner.exportPhrases());
  }

  apply(tokens: readonly string[]): string[] {
    const merged: string[] = [];
    let start: string | undefined;
    for (let i = 0; i < tokens.length; i += 1) {
      const word = tokens[i];
      // Truthiness as in gensim: an empty-string token never starts a phrase and is dropped.
      if (start) {
        const phrase = this.joins.get(start)?.get(word);
        if (phrase !== undefined) {
          merged.push(phrase);
          start = undefined;
        } else {
          merged.push(start);
          start = word;
        }
      } else {
        start = word;
      }
    }
    if (start) merged.push(start);
    return merged;
  }

  toJSON(): PhrasesJson {
    return {
      schema: 1,
      minCount: this.minCount,
      threshold: this.threshold,
      delimiter: this.delimiter,
      phrasegrams: [...this.phrasegrams],
    };
  }

  static fromJSON(json: unknown): Phrases {
    const fail = (problem: string): never => {
      throw new SerializationError('phrases JSON', problem);
    };
    if (typeof json !== 'object' || json === null) return fail('expected an object');
    const value = json as Partial<Record<keyof PhrasesJson, unknown>>;
    if (value.schema !== 1) fail(`unsupported schema ${JSON.stringify(value.schema)}`);
    const { minCount, threshold, delimiter, phrasegrams } = value;
    if (typeof minCount !== 'number' || !(minCount > 0)) return fail('minCount must be a number > 0');
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) return fail('threshold must be a number');
    if (typeof delimiter !== 'string' || delimiter === '') return fail('delimiter must be a non-empty string');
    if (!Array.isArray(phrasegrams)) return fail('phrasegrams must be a list of [phrase, score]');
    const map = new Map<string, number>();
    for (const entry of phrasegrams) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') {
        return fail(`bad phrasegram entry ${JSON.stringify(entry)}`);
      }
      map.set(entry[0], entry[1]);
    }
    return new Phrases({ minCount, threshold, delimiter }, map);
  }

  /** Registers every way the phrase can be written as left + delimiter + right. */
  private indexSplits(phrase: string): void {
    for (let at = phrase.indexOf(this.delimiter); at >= 0; at = phrase.indexOf(this.delimiter, at + 1)) {
      const left = phrase.slice(0, at);
      let rights = this.joins.get(left);
      if (rights === undefined) {
        rights = new Map();
        this.joins.set(left, rights);
      }
      rights.set(phrase.slice(at + this.delimiter.length), phrase);
    }
  }
}
