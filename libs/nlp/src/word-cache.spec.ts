import { WordCache } from './word-cache';

describe('WordCache', () => {
  const hash = (word: string) => (word.length * 7) | 0; // deliberately weak: many collisions

  it('finds words by position in a text, across collisions and growth', () => {
    const cache = new WordCache(100_000);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    words.forEach((word, i) => cache.remember(word, hash(word), i % 2 ? null : word.toUpperCase()));
    expect(cache.size).toBe(5000);
    const text = ` ${words[4321]} ${words[10]}`;
    const entry = cache.find(text, 1, 1 + words[4321].length, hash(words[4321]));
    expect(cache.result(entry)).toBeNull();
    const start = 2 + words[4321].length;
    expect(cache.result(cache.find(text, start, start + words[10].length, hash(words[10])))).toBe(
      words[10].toUpperCase(),
    );
    expect(cache.find('zzz', 0, 3, hash('zzz'))).toBe(-1);
  });

  it('stops remembering at its capacity', () => {
    const cache = new WordCache(2);
    ['a', 'b', 'c'].forEach((word) => cache.remember(word, hash(word), word));
    expect(cache.size).toBe(2);
    expect(cache.find('c', 0, 1, hash('c'))).toBe(-1);
    expect(cache.result(cache.find('b', 0, 1, hash('b')))).toBe('b');
  });
});
