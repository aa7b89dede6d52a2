import { computeCoherence } from '../src';
import { CooccurrenceCounter } from '../src/lib/cooccurrence-counter';
import { CooccurrenceCounts, jointCount } from '../src/lib/cooccurrence-counts';
import { CoherenceMode } from '../src/lib/types';

function countWindows(topicWords: string[], texts: string[][], window: number | null, mode: CoherenceMode): CooccurrenceCounts {
  const counter = new CooccurrenceCounter(new Map(topicWords.map((word, i) => [word, i])), window, mode);
  texts.forEach((text) => counter.addText(text));
  return counter.counts();
}

const split = (text: string) => (text === '' ? [] : text.split(' '));

describe('sliding-window counts, checked by hand', () => {
  // text "a b a c d", window 3, topic {a, d}: windows [a b a], [b a c], [a c d]
  const text = split('a b a c d');

  it('exact mode counts a word while any copy is inside the window', () => {
    const counts = countWindows(['a', 'd'], [text], 3, 'exact');
    expect(counts.numWindows).toBe(3);
    expect(counts.occurrences[0]).toBe(3); // a: all three windows
    expect(counts.occurrences[1]).toBe(1); // d: [a c d]
    expect(jointCount(counts, 0, 1)).toBe(1); // a and d: [a c d]
  });

  it('gensim mode forgets "a" when its first copy leaves the window', () => {
    const counts = countWindows(['a', 'd'], [text], 3, 'gensim');
    expect(counts.numWindows).toBe(3);
    expect(counts.occurrences[0]).toBe(1); // a: only [a b a]; cleared when the first a leaves, never re-entered
    expect(counts.occurrences[1]).toBe(1); // d: [a c d]
    expect(jointCount(counts, 0, 1)).toBe(0);
  });

  it('turns those counts into c_uci and c_npmi with epsilon 1e-12', () => {
    const score = (measure: 'c_uci' | 'c_npmi', mode: CoherenceMode) =>
      computeCoherence([['a', 'd']], [text], { measure, window: 3, mode }).mean;
    // gensim: P(a) = P(d) = 1/3, P(a, d) = 0
    const gensimPmi = Math.log((0 + 1e-12) / ((1 / 3) * (1 / 3)));
    expect(score('c_uci', 'gensim')).toBeCloseTo(gensimPmi, 10);
    expect(score('c_npmi', 'gensim')).toBeCloseTo(gensimPmi / -Math.log(1e-12), 10);
    expect(score('c_npmi', 'gensim')).toBeCloseTo(-0.9205, 4);
    // exact: P(a) = 1, P(d) = 1/3, P(a, d) = 1/3: independent, PMI ~ 0
    const exactPmi = Math.log((1 / 3 + 1e-12) / (1 * (1 / 3)));
    expect(score('c_uci', 'exact')).toBeCloseTo(exactPmi, 12);
    expect(score('c_npmi', 'exact')).toBeCloseTo(exactPmi / -Math.log(1 / 3 + 1e-12), 12);
  });

  it('re-sets a word that leaves and enters in the same step, as gensim clears then sets it', () => {
    // "a a b a", window 2: [a a] {a}; [a b] {b} (a cleared); [b a] {a, b} (a leaves and enters)
    const counts = countWindows(['a', 'b'], [split('a a b a')], 2, 'gensim');
    expect(counts.numWindows).toBe(3);
    expect(counts.occurrences[0]).toBe(2);
    expect(counts.occurrences[1]).toBe(2);
    expect(jointCount(counts, 0, 1)).toBe(1);
  });

  it('keeps non-topic tokens as placeholders that occupy window positions', () => {
    const counts = countWindows(['a', 'd'], [split('a x x x d')], 3, 'exact');
    expect(counts.numWindows).toBe(3);
    expect(jointCount(counts, 0, 1)).toBe(0);
  });

  it('makes a text shorter than the window, and an empty text, one window each', () => {
    const counts = countWindows(['a', 'd'], [split('a d'), [], split('d x a x')], 110, 'gensim');
    expect(counts.numWindows).toBe(3);
    expect(counts.occurrences[0]).toBe(2);
    expect(jointCount(counts, 0, 1)).toBe(2);
  });

  it('counts documents when there is no window (u_mass)', () => {
    const counts = countWindows(['a', 'd'], [split('a a x'), split('d a'), split('x')], null, 'gensim');
    expect(counts.numWindows).toBe(3);
    expect([counts.occurrences[0], counts.occurrences[1], jointCount(counts, 0, 1)]).toEqual([2, 1, 1]);
  });
});

/** gensim's WordOccurrenceAccumulator._slide_window, window by window, as a literal reference. */
function gensimWindowSets(ids: number[], window: number): Set<number>[] {
  if (ids.length <= window) return [new Set(ids)];
  const present = new Set(ids.slice(0, window));
  const sets = [new Set(present)];
  for (let k = 1; k + window <= ids.length; k++) {
    present.delete(ids[k - 1]);
    present.add(ids[k + window - 1]);
    sets.push(new Set(present));
  }
  return sets;
}

function exactWindowSets(ids: number[], window: number): Set<number>[] {
  if (ids.length <= window) return [new Set(ids)];
  return Array.from({ length: ids.length - window + 1 }, (_, k) => new Set(ids.slice(k, k + window)));
}

function naiveCounts(sets: Set<number>[], size: number): { occurrences: number[]; joint: number[][] } {
  const occurrences = new Array<number>(size).fill(0);
  const joint = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const set of sets) {
    const words = [...set].filter((id) => id < size);
    for (const i of words) {
      occurrences[i]++;
      for (const j of words) if (i !== j) joint[i][j]++;
    }
  }
  return { occurrences, joint };
}

describe('sliding-window counts against a window-by-window reference', () => {
  // Deterministic pseudo-random texts over 5 topic words and 3 other words (ids 5-7, placeholders).
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const words = ['w0', 'w1', 'w2', 'w3', 'w4', 'x5', 'x6', 'x7'];
  const topicWords = words.slice(0, 5);
  const corpus = Array.from({ length: 60 }, () => Array.from({ length: random(40) }, () => random(8)));

  it.each([
    ['gensim', 1],
    ['gensim', 3],
    ['gensim', 7],
    ['exact', 2],
    ['exact', 5],
    ['exact', 50],
  ] as const)('%s mode, window %i', (mode, window) => {
    const counts = countWindows(topicWords, corpus.map((ids) => ids.map((id) => words[id])), window, mode);
    const sets = corpus.flatMap((ids) => (mode === 'gensim' ? gensimWindowSets(ids, window) : exactWindowSets(ids, window)));
    const expected = naiveCounts(sets, topicWords.length);
    expect(counts.numWindows).toBe(sets.length);
    expect(Array.from(counts.occurrences)).toEqual(expected.occurrences);
    for (let i = 0; i < topicWords.length; i++) {
      for (let j = 0; j < topicWords.length; j++) if (i !== j) expect(jointCount(counts, i, j)).toBe(expected.joint[i][j]);
    }
  });
});
