import type { ModelBundle, Prediction } from '@topicops/pipeline';
import { servingPredictor } from './inference-strategy';

function fakeBundle(backend: string, calls: string[][]): ModelBundle {
  return {
    model: { backend },
    predict: async (texts: string[]) => {
      calls.push(texts);
      return texts.map((text): Prediction => ({ topics: [], dominant_topic: null, top_words: {}, tokens: text.length, model: { name: 'm', version: '1' } }));
    },
  } as unknown as ModelBundle;
}

const OPTIONS = { minimumProbability: 0.01, topWords: 10 };

describe('servingPredictor', () => {
  it('micro-batches concurrent requests into one call on the native tfjs backend', async () => {
    const calls: string[][] = [];
    const predict = servingPredictor(fakeBundle('tensorflow', calls), 100);
    const results = await Promise.all([predict(['a'], OPTIONS), predict(['bb', 'ccc'], OPTIONS)]);
    expect(calls).toEqual([['a', 'bb', 'ccc']]);
    expect(results.map((r) => r.map((p) => p.tokens))).toEqual([[1], [2, 3]]);
  });

  it('sends each text alone through the JS fast path on the wasm and cpu backends', async () => {
    const calls: string[][] = [];
    const predict = servingPredictor(fakeBundle('wasm', calls), 100);
    const results = await Promise.all([predict(['a'], OPTIONS), predict(['bb', 'ccc'], OPTIONS)]);
    expect(calls).toEqual([['a'], ['bb'], ['ccc']]);
    expect(results.map((r) => r.map((p) => p.tokens))).toEqual([[1], [2, 3]]);
  });
});
