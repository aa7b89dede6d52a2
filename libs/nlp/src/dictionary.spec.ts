import { Dictionary } from './dictionary';
import { SerializationError } from './errors';

describe('Dictionary', () => {
  it("gives a document's new tokens the next ids in code point order and counts frequencies", () => {
    const dictionary = new Dictionary();
    dictionary.addDocuments([
      ['zeta', 'alfa', 'zeta'],
      ['beta', 'alfa', 'Émile'],
    ]);
    expect(dictionary.id2token).toEqual(['alfa', 'zeta', 'beta', 'Émile']);
    expect(dictionary.token2id.get('beta')).toBe(2);
    expect(dictionary.dfs).toEqual([2, 1, 1, 1]);
    expect(dictionary.cfs).toEqual([2, 2, 1, 1]);
    expect([dictionary.numDocs, dictionary.numPos, dictionary.numNnz]).toEqual([2, 6, 5]);
  });

  it('streams documents from a one-pass iterable, in as many calls as the caller likes', () => {
    function* pages(): Generator<string[]> {
      yield ['zeta', 'alfa'];
      yield ['alfa'];
    }
    const dictionary = new Dictionary();
    dictionary.addDocuments(pages());
    dictionary.addDocuments(pages());
    expect(dictionary.dfs).toEqual([4, 2]);
    expect(dictionary.numDocs).toBe(4);
  });

  it('makes sorted bags of words and ignores unknown tokens', () => {
    const dictionary = new Dictionary();
    dictionary.addDocuments([['c', 'b', 'a']]);
    expect(dictionary.doc2bow(['c', 'x', 'a', 'c', 'c'])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(dictionary.doc2bow([])).toEqual([]);
    expect(dictionary.doc2bow(['a'])).toEqual([[0, 1]]); // scratch counts were reset
  });

  describe('filterExtremes', () => {
    // document frequencies: a 4, b 3, c 3, d 2, e 1, f 3 over 4 documents
    const build = () => {
      const dictionary = new Dictionary();
      dictionary.addDocuments([
        ['a', 'b', 'c', 'd', 'e'],
        ['a', 'b', 'c', 'f'],
        ['a', 'b', 'd', 'f'],
        ['a', 'c', 'f'],
      ]);
      return dictionary;
    };

    it('keeps tokens between noBelow and noAbove × numDocs documents, then compacts ids in old order', () => {
      const dictionary = build();
      dictionary.filterExtremes(2, 0.75, null);
      expect(dictionary.id2token).toEqual(['b', 'c', 'd', 'f']);
      expect(dictionary.dfs).toEqual([3, 3, 2, 3]);
      expect(dictionary.token2id.get('f')).toBe(3);
      expect(dictionary.doc2bow(['f', 'a', 'b'])).toEqual([
        [0, 1],
        [3, 1],
      ]);
      expect(dictionary.numDocs).toBe(4);
    });

    it('truncates noAbove × numDocs towards zero, as int() does', () => {
      const dictionary = build();
      dictionary.filterExtremes(0, 0.7, null); // 0.7 × 4 = 2.8 → 2
      expect(dictionary.id2token).toEqual(['d', 'e']);
    });

    it('keeps the keepN most frequent, breaking ties by lower id', () => {
      const dictionary = build();
      dictionary.filterExtremes(1, 1, 3); // a 4, then b, c, f tie at 3: b and c have the lower ids
      expect(dictionary.id2token).toEqual(['a', 'b', 'c']);
    });

    it('rejects negative bounds', () => {
      expect(() => build().filterExtremes(-1, 0.5, 10)).toThrow(RangeError);
    });
  });

  it('prunes to the most frequent tokens while adding, every 10 000 documents, as gensim does', () => {
    const dictionary = new Dictionary();
    const docs = Array.from({ length: 10_001 }, (_, i) => (i < 10_000 ? ['common', `rare${i}`] : ['late']));
    dictionary.addDocuments(docs, { pruneAt: 100 });
    // checked before document 10 000: 10 001 tokens > 100, so only the top 100 by document frequency stay
    expect(dictionary.size).toBe(101);
    expect(dictionary.id2token[0]).toBe('common');
    expect(dictionary.id2token[100]).toBe('late');
    const unpruned = new Dictionary();
    unpruned.addDocuments(docs, { pruneAt: null });
    expect(unpruned.size).toBe(10_002);
  });

  it('grows its scratch space as the vocabulary grows', () => {
    const dictionary = new Dictionary();
    const tokens = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    dictionary.addDocuments([tokens, tokens.slice(2500)]);
    expect(dictionary.dfs[dictionary.token2id.get('w4999') ?? -1]).toBe(2);
    expect(dictionary.doc2bow(['w4999', 'w4999']).map(([, count]) => count)).toEqual([2]);
  });

  it('round-trips through JSON', () => {
    const dictionary = new Dictionary();
    dictionary.addDocuments([['alfa', 'beta'], ['beta']]);
    const copy = Dictionary.fromJSON(JSON.parse(JSON.stringify(dictionary)));
    expect(copy.toJSON()).toEqual(dictionary.toJSON());
    expect(copy.doc2bow(['beta', 'alfa'])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    copy.addDocuments([['gamma']]);
    expect(copy.id2token).toEqual(['alfa', 'beta', 'gamma']);
  });

  it('says what is wrong with bad JSON', () => {
    const valid = { schema: 1, numDocs: 1, numPos: 1, numNnz: 1, tokens: ['a'], dfs: [1], cfs: [1] };
    expect(() => Dictionary.fromJSON('x')).toThrow(SerializationError);
    expect(() => Dictionary.fromJSON({ ...valid, dfs: [] })).toThrow(/cannot read dictionary JSON: dfs must hold one/);
    expect(() => Dictionary.fromJSON({ ...valid, numDocs: -1 })).toThrow(/numDocs/);
    expect(() => Dictionary.fromJSON({ ...valid, tokens: ['a', 'a'], dfs: [1, 1], cfs: [1, 1] })).toThrow(
      /appears twice/,
    );
  });
});
