import { COHERENCE_MEASURES, CoherenceMeasure, CoherenceOptions, computeCoherence } from '../src';

const texts = [
  'apple banana cherry apple date',
  'banana cherry fig banana',
  'apple cherry grape date',
  'date fig apple banana cherry',
].map((text) => text.split(' '));

/** Small windows for the sliding-window measures; u_mass has none. */
const options = (measure: CoherenceMeasure): CoherenceOptions => (measure === 'u_mass' ? { measure } : { measure, window: 3 });

describe('topic words absent from the texts', () => {
  it.each(COHERENCE_MEASURES)('%s: leaves them out with a warning, never NaN or Infinity', (measure) => {
    const withAbsent = computeCoherence([['apple', 'zebra', 'banana', 'cherry']], texts, options(measure));
    const without = computeCoherence([['apple', 'banana', 'cherry']], texts, options(measure));
    expect(Number.isFinite(withAbsent.mean)).toBe(true);
    expect(withAbsent.perTopic).toEqual(without.perTopic);
    expect(withAbsent.warnings).toEqual(['topics[0]: 1 word(s) absent from the texts were left out: zebra']);
  });

  it('like gensim, drops absent words before cutting to topn, so the next word takes their place', () => {
    const topn2 = computeCoherence([['apple', 'zebra', 'banana', 'cherry']], texts, { measure: 'c_npmi', topn: 2, window: 3 });
    const expected = computeCoherence([['apple', 'banana']], texts, { measure: 'c_npmi', topn: 2, window: 3 });
    expect(topn2.perTopic).toEqual(expected.perTopic);
    expect(topn2.topn).toBe(2);
  });

  it('does not mention absent words beyond the topn words scored', () => {
    const result = computeCoherence([['apple', 'banana', 'zebra']], texts, { measure: 'u_mass', topn: 2 });
    expect(result.warnings).toEqual([]);
  });

  it.each(['u_mass', 'c_uci', 'c_npmi'] as const)('%s: a topic left with one word scores 0, with a warning', (measure) => {
    const result = computeCoherence([['apple', 'banana'], ['zebra', 'cherry', 'yak']], texts, options(measure));
    expect(result.perTopic[1]).toBe(0);
    expect(result.perTopic[0]).not.toBe(0);
    expect(result.mean).toBe(result.perTopic[0] / 2);
    expect(result.warnings).toEqual([
      'topics[1]: 2 word(s) absent from the texts were left out: zebra, yak',
      `topics[1]: it has fewer than 2 words that occur in the texts, so it has no word pairs to score; ${measure} scored 0`,
    ]);
  });

  it('c_v: a topic with no word in the texts scores 0; a one-word topic scores 1 as in gensim', () => {
    const result = computeCoherence([['zebra', 'yak'], ['zebra', 'fig']], texts, { measure: 'c_v', window: 3 });
    expect(result.perTopic[0]).toBe(0);
    expect(result.perTopic[1]).toBeCloseTo(1, 12);
    expect(result.warnings).toContain('topics[0]: none of its words occur in the texts; c_v scored 0');
  });
});
