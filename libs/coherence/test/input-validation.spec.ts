import { CoherenceInputError, CoherenceMeasure, CoherenceMode, CoherenceOptions, computeCoherence } from '../src';
import { UsageError } from '@topicops/config';

const texts = [['apple', 'banana', 'cherry']];
const topics = [['apple', 'banana']];

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('input validation', () => {
  it.each<[string, Partial<CoherenceOptions> & Record<string, unknown>, string]>([
    ['an unknown measure', { measure: 'c_w2v' as CoherenceMeasure }, 'measure must be one of c_v, u_mass, c_uci, c_npmi (got "c_w2v")'],
    ['an unknown mode', { mode: 'palmetto' as CoherenceMode }, 'mode must be one of gensim, exact (got "palmetto")'],
    ['topn < 1', { topn: 0 }, 'topn must be an integer >= 1 (got 0)'],
    ['a fractional topn', { topn: 2.5 }, 'topn must be an integer >= 1 (got 2.5)'],
    ['window < 1', { window: 0 }, 'window must be an integer >= 1 (got 0)'],
  ])('rejects %s', (_label, options, message) => {
    const error = errorOf(() => computeCoherence(topics, texts, { measure: 'c_v', ...options }));
    expect(error).toBeInstanceOf(CoherenceInputError);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  });

  it.each<[string, unknown, string]>([
    ['no topics', [], 'topics must be a non-empty list of topics, each a list of words'],
    ['a topic that is not a list', [['apple'], 'banana'], 'topics[1] must be a non-empty list of words'],
    ['an empty topic', [[]], 'topics[0] must be a non-empty list of words'],
    ['a word that is not a string', [['apple', 7]], 'topics[0][1] must be a non-empty string (got 7)'],
    ['a repeated word', [['apple', 'banana', 'apple']], 'topics[0] lists "apple" more than once'],
  ])('rejects %s', (_label, badTopics, message) => {
    const error = errorOf(() => computeCoherence(badTopics as string[][], texts, { measure: 'u_mass' }));
    expect(error).toBeInstanceOf(CoherenceInputError);
    expect(error.message).toBe(message);
  });

  it('rejects a token that is not a string, naming the text and position', () => {
    const error = errorOf(() => computeCoherence(topics, [['apple'], ['banana', null as unknown as string]], { measure: 'c_v' }));
    expect(error.message).toBe('texts[1][1] must be a string (got null)');
  });

  it('refuses more distinct topic words than the pair table supports', () => {
    const manyTopics = Array.from({ length: 2049 }, (_, t) => [0, 1, 2, 3].map((w) => `w${t}_${w}`));
    expect(errorOf(() => computeCoherence(manyTopics, texts, { measure: 'c_v' })).message).toBe(
      'topics hold 8196 distinct words; at most 8192 are supported',
    );
  });

  it('rejects empty texts', () => {
    expect(errorOf(() => computeCoherence(topics, [], { measure: 'c_npmi' })).message).toBe(
      'texts is empty: coherence needs at least one text',
    );
  });

  it('warns that u_mass ignores a window', () => {
    const result = computeCoherence(topics, texts, { measure: 'u_mass', window: 5 });
    expect(result.window).toBeNull();
    expect(result.warnings).toEqual(['window is ignored by u_mass, which counts whole documents']);
  });
});
