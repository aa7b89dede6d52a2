import { defaultPreprocessingConfig } from './preprocessing-config';
import { PreprocessingConfig } from './preprocessing-config';
import { Tokenizer } from './tokenizer';

const plain = (overrides: Partial<PreprocessingConfig> = {}) =>
  new Tokenizer(
    defaultPreprocessingConfig({ stopwordLanguages: [], elisions: false, joinHyphenated: false, ...overrides }),
  );

describe('Tokenizer', () => {
  it('lowercases with Unicode rules and keeps alphabetic runs of at least minLength code points', () => {
    const tokenizer = plain();
    expect(tokenizer.tokenize('ÉPOCA Città, 1903: la NAZIONE è ΑΘΗΝΑ ok')).toEqual([
      'época',
      'città',
      'nazione',
      'αθηνα',
    ]);
    expect(plain({ minLength: 2 }).tokenize('la ok x')).toEqual(['la', 'ok']);
    // two astral letters are 2 code points (4 UTF-16 units): too short, as len() says in Python
    expect(tokenizer.tokenize('\u{1D400}\u{1D401} \u{1D400}\u{1D401}\u{1D402}')).toEqual([
      '\u{1D400}\u{1D401}\u{1D402}',
    ]);
  });

  it("with the 'latin' pattern keeps only [a-zà-öø-ÿ] runs, like the gensim reference", () => {
    const tokenizer = plain({ tokenPattern: 'latin' });
    expect(tokenizer.tokenize('Città×ÿÿÿ œuvre ΑΘΗΝΑ naïve')).toEqual(['città', 'ÿÿÿ', 'uvre', 'naïve']);
  });

  it('composes decomposed accents in unicode mode', () => {
    expect(plain().tokenize('perche\u0301 citta\u0300')).toEqual(['perché', 'città']);
  });

  it("drops Italian elided articles and prepositions with ', ’ and ‘ but keeps English clitic hosts", () => {
    const tokenizer = plain({ elisions: true });
    expect(tokenizer.tokenize("dell'anno nell’Italia sull‘orlo quest'uomo dellʼora")).toEqual([
      'anno',
      'italia',
      'orlo',
      'uomo',
      'ora',
    ]);
    expect(tokenizer.tokenize("Italy's workers don't won't we'll")).toEqual(['italy', 'workers', 'don', 'won']);
    expect(plain({ elisions: false }).tokenize("dell'anno")).toEqual(['dell', 'anno']);
    expect(plain({ elisions: true, tokenPattern: 'latin' }).tokenize("DELL'ANNO")).toEqual(['anno']);
  });

  it('re-joins words hyphenated across line ends, and only those', () => {
    const tokenizer = plain({ joinHyphenated: true });
    expect(tokenizer.tokenize('la propa-\nganda e la rivolu- \r\n  zione')).toEqual(['propaganda', 'rivoluzione']);
    expect(tokenizer.tokenize('soft\u00adhyphen line¬\nbreak')).toEqual(['softhyphen', 'linebreak']);
    expect(tokenizer.tokenize('anti-fascista 1905-\n1906 fine -\nriga')).toEqual(['anti', 'fascista', 'fine', 'riga']);
    expect(plain().tokenize('propa-\nganda')).toEqual(['propa', 'ganda']);
  });

  it('removes stopwords-iso and custom stopwords, custom ones case-sensitively as written', () => {
    const tokenizer = plain({ stopwordLanguages: ['it', 'en'], customStopwords: ['giornale', 'Indiana'] });
    expect(tokenizer.tokenize('Il giornale della colonia and the Indiana news')).toEqual([
      'colonia',
      'indiana',
      'news',
    ]);
  });

  it('stems with Snowball after filtering stopwords', () => {
    const tokenizer = plain({ stemmer: 'italian', stopwordLanguages: ['it'] });
    expect(tokenizer.tokenize('I giornali della propaganda rivoluzionaria')).toEqual([
      'giornal',
      'propagand',
      'rivoluzionar',
    ]);
    expect(plain({ stemmer: 'english' }).tokenize('running newspapers')).toEqual(['run', 'newspap']);
  });

  it('lemmatises English words one by one, keeping words compromise does not know', () => {
    const tokenizer = plain({ lemmatize: true });
    expect(tokenizer.tokenize('children went running anàrchico')).toEqual(['child', 'go', 'run', 'anàrchico']);
    expect(tokenizer.tokenize('running children')).toEqual(['run', 'child']);
  });

  it('returns an empty list for text without words, and refuses what is not text', () => {
    expect(plain().tokenize('')).toEqual([]);
    expect(() => plain().tokenize(null as unknown as string)).toThrow('tokenize expects a string, got null');
    expect(plain().tokenize('12 -- 34 ?!')).toEqual([]);
  });

  it('rejects an invalid configuration with a readable message', () => {
    expect(() => new Tokenizer({ ...defaultPreprocessingConfig(), minLength: -1 })).toThrow(
      /minLength must be an integer >= 1/,
    );
  });
});

describe('Tokenizer scanning', () => {
  /** The tokenisation rules written as one regular expression, the way they are documented. */
  function regexTokens(text: string, config: PreprocessingConfig, stopwords: Set<string>): string[] {
    const letter = config.tokenPattern === 'latin' ? '[a-zà-öø-ÿ]' : '(?:(?!ʼ)\\p{L})';
    const elided = config.elisions ? `(?:['’‘ʼ](?!(?:s|t|d|m|ll|re|ve)(?!${letter}))(?=${letter}))?` : '';
    const pattern = new RegExp(
      `${letter}{${config.minLength},}${elided}`,
      config.tokenPattern === 'unicode' ? 'gu' : 'g',
    );
    const source = config.tokenPattern === 'unicode' ? text.normalize('NFC') : text;
    return (source.toLowerCase().match(pattern) ?? []).filter((word) => !/['’‘ʼ]$/.test(word) && !stopwords.has(word));
  }

  it('agrees with the regular-expression definition on random text', () => {
    const pieces = [
      'a',
      'b',
      's',
      't',
      'l',
      'll',
      're',
      'È',
      'é',
      'e\u0301',
      "'",
      '’',
      '‘',
      'ʼ',
      ' ',
      '-',
      '\n',
      '1',
      'ß',
      'İ',
      'Σ',
      '\u{1D400}',
      '\uD800',
      'œ',
      'ÿ',
    ];
    let state = 7;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
    for (const tokenPattern of ['latin', 'unicode'] as const) {
      for (const elisions of [false, true]) {
        for (const minLength of [1, 2, 3]) {
          const config = defaultPreprocessingConfig({
            tokenPattern,
            elisions,
            minLength,
            stopwordLanguages: [],
            joinHyphenated: false,
            customStopwords: ['ab', 'ste'],
          });
          const tokenizer = new Tokenizer(config);
          for (let sample = 0; sample < 150; sample += 1) {
            const text = Array.from(
              { length: Math.floor(random() * 40) },
              () => pieces[Math.floor(random() * pieces.length)],
            ).join('');
            expect({ text, tokens: tokenizer.tokenize(text) }).toEqual({
              text,
              tokens: regexTokens(text, config, new Set(config.customStopwords)),
            });
          }
        }
      }
    }
  });

  it('gives every token of a word the same string instance', () => {
    const tokenizer = plain();
    const [first, second] = [tokenizer.tokenize('giornale'), tokenizer.tokenize('il giornale')];
    expect(first[0]).toBe(second[0]);
  });

  it('keeps tokenising correctly once its word cache is full', () => {
    const config = defaultPreprocessingConfig({ stopwordLanguages: ['it'], stemmer: 'italian' });
    const text = 'alfa della beta gamma beta giornali alfa';
    const expected = new Tokenizer(config).tokenize(text);
    expect(new Tokenizer(config, { maxCachedWords: 1 }).tokenize(text)).toEqual(expected);
    expect(expected).toEqual(['alfa', 'bet', 'gamm', 'bet', 'giornal', 'alfa']);
  });
});
