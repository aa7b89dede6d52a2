import { SerializationError } from './errors';
import { Phrases } from './phrases';
import { PhrasesLearner } from './phrases-learner';

/** gensim 4.2 Phrases.add_vocab + export_phrases, string keys and all, written as plainly as possible. */
function gensimPhrasegrams(
  texts: string[][],
  minCount: number,
  threshold: number,
  delimiter: string,
  maxVocabSize = Infinity,
) {
  const vocab = new Map<string, number>();
  let minReduce = 1;
  const bump = (key: string) => vocab.set(key, (vocab.get(key) ?? 0) + 1);
  for (const sentence of texts) {
    let start: string | null = null;
    for (const word of sentence) {
      bump(word);
      if (start !== null) bump([start, word].join(delimiter));
      start = word;
    }
    if (vocab.size > maxVocabSize) {
      for (const [key, count] of [...vocab]) if (count < minReduce) vocab.delete(key);
      minReduce += 1;
    }
  }
  const result = new Map<string, number>();
  for (const [token, phraseCount] of vocab) {
    const parts = token.split(delimiter);
    if (parts.length < 2) continue;
    const a = vocab.get(parts[0]) ?? 0;
    const b = vocab.get(parts[parts.length - 1]) ?? 0;
    if (a <= 0 || b <= 0) continue;
    const score = ((phraseCount - minCount) / (a * b)) * vocab.size;
    if (score > threshold) result.set(token, score);
  }
  return result;
}

function randomTexts(seed: number, words: string[], docs: number, length: number): string[][] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: docs }, () =>
    Array.from({ length: 1 + Math.floor(next() * length) }, () => words[Math.floor(next() * words.length)]),
  );
}

const sorted = (map: ReadonlyMap<string, number>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('Phrases.learn', () => {
  const texts = [
    ['new', 'york', 'city'],
    ['new', 'york', 'times'],
    ['new', 'york'],
    ['big', 'city'],
  ];

  it("scores with gensim's default scorer over the shared unigram + bigram vocabulary", () => {
    // 5 unigrams + 4 bigrams = 9 entries; new_york: (3 - 1) / (3 × 3) × 9 = 2
    const phrases = Phrases.learn(texts, { minCount: 1, threshold: 1 });
    expect([...phrases.phrasegrams]).toEqual([['new_york', 2]]);
    expect(phrases.apply(['the', 'new', 'york', 'city'])).toEqual(['the', 'new_york', 'city']);
    expect(Phrases.learn(texts, { minCount: 1, threshold: 2 }).phrasegrams.size).toBe(0); // score must exceed it
  });

  it('learns from a one-pass iterable', () => {
    function* stream(): Generator<string[]> {
      yield* texts;
    }
    expect(Phrases.learn(stream(), { minCount: 1, threshold: 1 }).phrasegrams).toEqual(new Map([['new_york', 2]]));
  });

  it('learns the same from batches as from one pass', () => {
    const learner = new PhrasesLearner({ minCount: 1, threshold: 1 });
    learner.add(texts.slice(0, 2)).add(texts.slice(2));
    expect(learner.wordCount).toBe(10);
    expect(learner.vocabularySize).toBe(9);
    expect(Phrases.fromLearner(learner).phrasegrams).toEqual(
      Phrases.learn(texts, { minCount: 1, threshold: 1 }).phrasegrams,
    );
  });

  it.each([
    { delimiter: '_', words: ['a', 'b', 'c', 'a_b', 'b_c', 'd'] },
    { delimiter: '_', words: ['aa', 'b', 'cc', 'dd', 'e'] },
    { delimiter: 'xx', words: ['a', 'ax', 'xb', 'b', 'xx', 'axx'] },
    { delimiter: '--', words: ['-', 'a-', '-b', 'a', 'b'] },
  ])("matches gensim's string-keyed vocabulary with delimiter $delimiter over $words", ({ delimiter, words }) => {
    for (let seed = 1; seed <= 5; seed += 1) {
      const corpus = randomTexts(seed, words, 40, 12);
      for (const maxVocabSize of [Infinity, 25]) {
        const learner = new PhrasesLearner({
          minCount: 2,
          threshold: 0.5,
          delimiter,
          maxVocabSize: maxVocabSize === Infinity ? undefined : maxVocabSize,
        });
        const ours = Phrases.fromLearner(learner.add(corpus)).phrasegrams;
        expect(sorted(ours)).toEqual(sorted(gensimPhrasegrams(corpus, 2, 0.5, delimiter, maxVocabSize)));
      }
    }
  });

  it('rejects options gensim rejects', () => {
    expect(() => Phrases.learn(texts, { minCount: 0 })).toThrow(/minCount must be a number > 0/);
    expect(() => Phrases.learn(texts, { threshold: -1 })).toThrow(/threshold must be a number > 0/);
    expect(() => Phrases.learn(texts, { delimiter: '' })).toThrow(/delimiter must be a non-empty string/);
    expect(() => new PhrasesLearner({ maxVocabSize: 1.5 })).toThrow(/maxVocabSize/);
  });
});

describe('Phrases.apply', () => {
  const phrases = new Phrases(
    { minCount: 1, threshold: 1, delimiter: '_' },
    new Map([
      ['a_b', 5],
      ['b_c', 5],
      ['c_d', 0.5],
    ]),
  );

  it('merges greedily from the left, one pair at a time', () => {
    expect(phrases.apply(['a', 'b', 'c'])).toEqual(['a_b', 'c']);
    expect(phrases.apply(['x', 'b', 'c', 'a', 'b'])).toEqual(['x', 'b_c', 'a_b']);
    expect(phrases.apply(['a', 'b', 'a', 'b', 'a'])).toEqual(['a_b', 'a_b', 'a']);
    expect(phrases.apply([])).toEqual([]);
  });

  it('ignores phrasegrams scored at or under the threshold', () => {
    expect(phrases.apply(['c', 'd'])).toEqual(['c', 'd']);
  });

  it("drops empty-string tokens, as gensim's truthiness test does", () => {
    expect(phrases.apply(['', 'a', '', 'b'])).toEqual(['a', 'b']);
  });

  it('joins phrases of phrases across every split point (second layer)', () => {
    const layer2 = new Phrases({ minCount: 1, threshold: 1, delimiter: '_' }, new Map([['a_b_c', 9]]));
    expect(layer2.apply(['a_b', 'c'])).toEqual(['a_b_c']);
    expect(layer2.apply(['a', 'b_c'])).toEqual(['a_b_c']);
  });
});

describe('Phrases JSON', () => {
  it('round-trips scores exactly', () => {
    const original = new Phrases(
      { minCount: 3, threshold: 20, delimiter: '_' },
      new Map([['abeat_fortuna', 2901.7384615384613]]),
    );
    const copy = Phrases.fromJSON(JSON.parse(JSON.stringify(original)));
    expect(copy.phrasegrams).toEqual(original.phrasegrams);
    expect([copy.minCount, copy.threshold, copy.delimiter]).toEqual([3, 20, '_']);
    expect(copy.apply(['abeat', 'fortuna'])).toEqual(['abeat_fortuna']);
  });

  it('says what is wrong with bad JSON', () => {
    expect(() => Phrases.fromJSON(null)).toThrow(SerializationError);
    expect(() => Phrases.fromJSON({ schema: 2 })).toThrow(/cannot read phrases JSON: unsupported schema 2/);
    const valid = { schema: 1, minCount: 1, threshold: 1, delimiter: '_', phrasegrams: [] };
    expect(() => Phrases.fromJSON({ ...valid, phrasegrams: [['a_b', 'high']] })).toThrow(/bad phrasegram entry/);
    expect(() => Phrases.fromJSON({ ...valid, delimiter: '' })).toThrow(/delimiter/);
  });
});
