import { join } from 'node:path';
import { Dictionary, Phrases, PhrasesLearner } from '../src';
import {
  CoherenceReference,
  GensimExtra,
  PhrasesReference,
  phraseTokens,
  phrasegramMismatches,
  readGzipJson,
  readReference,
} from './reference-fixtures';

// gensim 4.2 answers for trigrams, pruning and keep_n, made by test/fixtures/make_gensim_extra.py.
const extra = readGzipJson<GensimExtra>(join(__dirname, 'fixtures/gensim-extra.json.gz'));
const input = readReference<PhrasesReference>('phrases.json.gz').input;

describe('a second phrase layer (trigrams) over tokens that contain the delimiter', () => {
  const layer1 = Phrases.learn(input, { minCount: 3, threshold: 20 });
  const bigrammed = input.map((tokens) => layer1.apply(tokens));
  const layer2 = Phrases.learn(bigrammed, { minCount: 3, threshold: 20 });

  it("scores like gensim's export_phrases, quirks included", () => {
    expect(phrasegramMismatches(layer2.phrasegrams, extra.trigrams.layer2_phrasegrams)).toEqual([]);
  });

  it('merges like FrozenPhrases applied twice', () => {
    expect(phraseTokens(bigrammed.map((tokens) => layer2.apply(tokens)))).toEqual(extra.trigrams.output);
  });
});

describe('vocabulary pruning while counting (max_vocab_size)', () => {
  const learner = new PhrasesLearner({ minCount: 3, threshold: 20, maxVocabSize: extra.pruned.params.max_vocab_size });
  const phrases = Phrases.fromLearner(learner.add(input));

  it('prunes the same entries as gensim', () => {
    expect(learner.vocabularySize).toBe(extra.pruned.vocab_size);
    expect(phrasegramMismatches(phrases.phrasegrams, extra.pruned.phrasegrams)).toEqual([]);
    expect(phraseTokens(input.map((tokens) => phrases.apply(tokens)))).toEqual(extra.pruned.output);
  });
});

describe('dictionary pruning (prune_at) and keep_n', () => {
  const { chunk, prune_at, filter, before_filter } = extra.dictionary;
  const texts = readReference<CoherenceReference>('coherence.json.gz').texts;
  const chunks = texts.flatMap((text) =>
    Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) => text.slice(i * chunk, (i + 1) * chunk)),
  );
  const dictionary = new Dictionary();
  dictionary.addDocuments(chunks, { pruneAt: prune_at });
  const before = {
    size: dictionary.size,
    num_docs: dictionary.numDocs,
    num_pos: dictionary.numPos,
    num_nnz: dictionary.numNnz,
  };
  dictionary.filterExtremes(filter.no_below, filter.no_above, filter.keep_n);

  it('prunes while adding documents as gensim does', () => {
    expect(before).toEqual(before_filter);
  });

  it('keeps the same ids, document and collection frequencies', () => {
    expect(dictionary.id2token).toEqual(extra.dictionary.id2token);
    expect(dictionary.dfs).toEqual(extra.dictionary.dfs);
    expect(dictionary.cfs).toEqual(extra.dictionary.cfs);
  });

  it('makes the same bags of words', () => {
    expect(dictionary.doc2bow(chunks[0])).toEqual(extra.dictionary.bow_of_chunk_0);
    expect(dictionary.doc2bow(texts[7])).toEqual(extra.dictionary.bow_of_text_7);
  });
});
