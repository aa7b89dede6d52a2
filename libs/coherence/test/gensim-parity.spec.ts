import { CoherenceMeasure, computeCoherence } from '../src';
import { loadCoherenceReference } from './reference-fixture';

describe('parity with gensim 4.2 CoherenceModel (fixtures/reference/coherence.json.gz)', () => {
  const reference = loadCoherenceReference();

  it('covers the eight reference entries', () => {
    expect(Object.keys(reference.results).sort()).toEqual(
      ['c_npmi@10', 'c_npmi@20', 'c_uci@10', 'c_uci@20', 'c_v@10', 'c_v@20', 'u_mass@10', 'u_mass@20'],
    );
  });

  it.each(Object.keys(reference.results))('reproduces %s for every topic to 1e-4', (key) => {
    const [measure, topn] = key.split('@');
    const expected = reference.results[key];
    const result = computeCoherence(reference.topics, reference.texts, { measure: measure as CoherenceMeasure, topn: Number(topn) });
    expect(result.perTopic).toHaveLength(expected.per_topic.length);
    result.perTopic.forEach((value, t) => expect(Math.abs(value - expected.per_topic[t])).toBeLessThan(1e-4));
    expect(Math.abs(result.mean - expected.mean)).toBeLessThan(1e-4);
    expect(result.mode).toBe('gensim');
    expect(result.warnings).toEqual([]);
  });

  it("uses gensim's default windows", () => {
    const topics = reference.topics.slice(0, 1);
    const texts = reference.texts.slice(0, 5);
    expect(computeCoherence(topics, texts, { measure: 'c_v' }).window).toBe(110);
    expect(computeCoherence(topics, texts, { measure: 'c_npmi' }).window).toBe(10);
    expect(computeCoherence(topics, texts, { measure: 'c_uci' }).window).toBe(10);
    expect(computeCoherence(topics, texts, { measure: 'u_mass' }).window).toBeNull();
    expect(computeCoherence(topics, texts, { measure: 'c_v' }).topn).toBe(20);
  });

  it('exact mode changes the sliding-window measures, not u_mass (whole documents)', () => {
    const score = (measure: CoherenceMeasure, mode: 'gensim' | 'exact') =>
      computeCoherence(reference.topics, reference.texts, { measure, topn: 10, mode });
    const exact = score('c_npmi', 'exact');
    expect(exact.mode).toBe('exact');
    expect(exact.perTopic.every(Number.isFinite)).toBe(true);
    expect(exact.perTopic).not.toEqual(score('c_npmi', 'gensim').perTopic);
    expect(score('u_mass', 'exact').perTopic).toEqual(score('u_mass', 'gensim').perTopic);
  });
});
