import { Dictionary, Phrases, Tokenizer, defaultPreprocessingConfig, readStopwordFile } from '../src';
import {
  CoherenceReference,
  DictionaryReference,
  PhrasesReference,
  STOPWORDS_CSV,
  phrasegramMismatches,
  readDemoFile,
  readReference,
  tokenDifference,
} from './reference-fixtures';

// gensim 4.2 reference values computed by the steering team (fixtures/reference, see fixtures/README.md).
const coherence = readReference<CoherenceReference>('coherence.json.gz');

describe('reference tokenisation (fixtures/reference/coherence.json.gz)', () => {
  it('reproduces the texts of every demo-corpus file exactly', () => {
    const tokenizer = new Tokenizer(
      defaultPreprocessingConfig({
        tokenPattern: 'latin',
        stopwordLanguages: [],
        elisions: false,
        joinHyphenated: false,
        customStopwords: readStopwordFile(STOPWORDS_CSV),
      }),
    );
    let compared = 0;
    const differences: string[] = [];
    coherence.files.forEach((file, index) => {
      const text = readDemoFile(file);
      if (text === undefined) return;
      compared += 1;
      const difference = tokenDifference(tokenizer.tokenize(text), coherence.texts[index]);
      if (difference) differences.push(`${file} ${difference}`);
    });
    expect(compared).toBe(200);
    expect(differences).toEqual([]);
  });
});

describe('reference dictionary (fixtures/reference/dictionary.json.gz)', () => {
  const reference = readReference<DictionaryReference>('dictionary.json.gz');
  const dictionary = new Dictionary();
  dictionary.addDocuments(coherence.texts);
  const sizeBefore = dictionary.size;
  const { no_below, no_above, keep_n } = reference.params;
  dictionary.filterExtremes(no_below, no_above, keep_n);

  it('sees the same vocabulary before and after filter_extremes', () => {
    expect(sizeBefore).toBe(reference.vocab_before);
    expect(dictionary.size).toBe(reference.vocab_after);
    expect([...dictionary.id2token].sort()).toEqual(reference.kept);
  });

  it('keeps gensim ids and document frequencies', () => {
    // doc_freq_of_kept was written from gensim's dfs, i.e. in id order.
    expect(dictionary.id2token).toEqual(Object.keys(reference.doc_freq_of_kept));
    expect(dictionary.dfs).toEqual(Object.values(reference.doc_freq_of_kept));
    expect(dictionary.numDocs).toBe(coherence.texts.length);
  });
});

describe('reference phrases (fixtures/reference/phrases.json.gz)', () => {
  const reference = readReference<PhrasesReference>('phrases.json.gz');
  const { min_count, threshold, delimiter } = reference.params;
  const phrases = Phrases.learn(reference.input, { minCount: min_count, threshold, delimiter });

  it('finds the same phrasegrams with the same scores', () => {
    expect(phrasegramMismatches(phrases.phrasegrams, reference.phrasegrams)).toEqual([]);
    expect([...phrases.phrasegrams.keys()]).toEqual(Object.keys(reference.phrasegrams));
  });

  it('merges every input exactly as gensim does', () => {
    const differences = reference.input
      .map((tokens, index) => tokenDifference(phrases.apply(tokens), reference.output[index]))
      .filter((difference) => difference !== '');
    expect(differences).toEqual([]);
  });
});
