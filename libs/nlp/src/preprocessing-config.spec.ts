import { UsageError } from '@topicops/config';
import { configHash, defaultPreprocessingConfig, parsePreprocessingConfig } from './preprocessing-config';

describe('defaultPreprocessingConfig', () => {
  it('records every option with the documented defaults', () => {
    expect(defaultPreprocessingConfig()).toEqual({
      schema: 1,
      tokenPattern: 'unicode',
      minLength: 3,
      elisions: true,
      joinHyphenated: true,
      stopwordLanguages: ['en', 'it'],
      customStopwords: [],
      stemmer: null,
      lemmatize: false,
      phrases: { minCount: 3, threshold: 20, delimiter: '_', layers: 1 },
      dictionary: { noBelow: 5, noAbove: 0.5, keepN: 100000 },
    });
  });

  it('merges partial nested options, ignores undefined ones and normalises word lists', () => {
    const config = defaultPreprocessingConfig({
      stemmer: undefined,
      stopwordLanguages: ['it', 'en', 'it'],
      customStopwords: ['zeta', 'alfa', 'zeta'],
      dictionary: { noBelow: 2 } as never,
      phrases: { layers: 2 } as never,
    });
    expect(config.stemmer).toBeNull();
    expect(config.stopwordLanguages).toEqual(['en', 'it']);
    expect(config.customStopwords).toEqual(['alfa', 'zeta']);
    expect(config.dictionary).toEqual({ noBelow: 2, noAbove: 0.5, keepN: 100000 });
    expect(config.phrases).toEqual({ minCount: 3, threshold: 20, delimiter: '_', layers: 2 });
    expect(defaultPreprocessingConfig({ phrases: null }).phrases).toBeNull();
  });

  it('reports every problem at once as a UsageError', () => {
    let caught: unknown;
    try {
      defaultPreprocessingConfig({
        tokenPattern: 'greek' as never,
        minLength: 0,
        stopwordLanguages: ['xx'],
        stemmer: 'french' as never,
        dictionary: { noAbove: 2 } as never,
        phrases: { delimiter: '' } as never,
        colour: 'blue',
      } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const message = (caught as Error).message;
    for (const expected of [
      'tokenPattern',
      'minLength',
      '"xx"',
      'stemmer',
      'dictionary.noAbove',
      'phrases.delimiter',
      'unknown option "colour"',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('rejects a stored configuration that is not an object', () => {
    expect(() => parsePreprocessingConfig('tokens please')).toThrow(/expected a JSON object/);
  });
});

describe('configHash', () => {
  it('is a sha256 hex digest that ignores key order and word-list order', () => {
    const a = defaultPreprocessingConfig({ customStopwords: ['b', 'a'] });
    const reversedKeys = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;
    const reordered = reversedKeys({ ...a, customStopwords: ['a', 'b'], dictionary: reversedKeys(a.dictionary) });
    expect(Object.keys(reordered)[0]).toBe('dictionary');
    expect(configHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash(reordered)).toBe(configHash(a));
  });

  it('changes with any option', () => {
    const base = defaultPreprocessingConfig();
    const hashes = new Set([
      configHash(base),
      configHash(defaultPreprocessingConfig({ minLength: 4 })),
      configHash(defaultPreprocessingConfig({ phrases: null })),
      configHash(defaultPreprocessingConfig({ customStopwords: ['anno'] })),
      configHash(defaultPreprocessingConfig({ dictionary: { noBelow: 5, noAbove: 0.5, keepN: 1000 } })),
    ]);
    expect(hashes.size).toBe(5);
  });
});
