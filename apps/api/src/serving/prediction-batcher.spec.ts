import type { Prediction, PredictOptions } from '@topicops/pipeline';
import { PredictionBatcher } from './prediction-batcher';

const OPTIONS: Required<PredictOptions> = { minimumProbability: 0.01, topWords: 5 };

function fakePrediction(text: string): Prediction {
  return { topics: [], dominant_topic: null, top_words: {}, tokens: text.length, model: { name: 'm', version: '1' } };
}

describe('PredictionBatcher', () => {
  it('answers requests of the same turn with one model call, each with its own predictions', async () => {
    const calls: string[][] = [];
    const batcher = new PredictionBatcher(async (texts) => {
      calls.push(texts);
      return texts.map(fakePrediction);
    }, 100);
    const [a, b, c] = await Promise.all([
      batcher.predict(['a'], OPTIONS),
      batcher.predict(['bb', 'ccc'], OPTIONS),
      batcher.predict(['dddd'], OPTIONS),
    ]);
    expect(calls).toEqual([['a', 'bb', 'ccc', 'dddd']]);
    expect(a.map((p) => p.tokens)).toEqual([1]);
    expect(b.map((p) => p.tokens)).toEqual([2, 3]);
    expect(c.map((p) => p.tokens)).toEqual([4]);
  });

  it('keeps requests with different options apart and never exceeds the batch size', async () => {
    const calls: Array<{ texts: string[]; topWords: number }> = [];
    const batcher = new PredictionBatcher(async (texts, options) => {
      calls.push({ texts, topWords: options.topWords });
      return texts.map(fakePrediction);
    }, 3);
    await Promise.all([
      batcher.predict(['a', 'b'], OPTIONS),
      batcher.predict(['c', 'd'], OPTIONS),
      batcher.predict(['e'], { ...OPTIONS, topWords: 9 }),
    ]);
    expect(calls).toEqual([
      { texts: ['a', 'b'], topWords: 5 },
      { texts: ['c', 'd'], topWords: 5 },
      { texts: ['e'], topWords: 9 },
    ]);
  });

  it('fails only the request that breaks a shared batch', async () => {
    const batcher = new PredictionBatcher(async (texts) => {
      if (texts.includes('boom')) throw new Error('bad text');
      return texts.map(fakePrediction);
    }, 100);
    const results = await Promise.allSettled([batcher.predict(['fine'], OPTIONS), batcher.predict(['boom'], OPTIONS)]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('bad text') });
  });
});
