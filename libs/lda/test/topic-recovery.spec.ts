import { inMemoryCorpus, trainLda } from '../src';
import { bestMatchingCosine, generateLdaCorpus } from './synthetic-corpus';

describe('topic recovery', () => {
  it('recovers the topics of a corpus drawn from the LDA generative process (mean cosine ≥ 0.9)', async () => {
    const numTopics = 5;
    const numTerms = 200;
    const corpus = generateLdaCorpus({
      seed: 11,
      numTopics,
      numTerms,
      numDocs: 1000,
      docLength: 100,
      alpha: 0.1,
      eta: 0.05,
    });
    const model = await trainLda(inMemoryCorpus(corpus.docs), {
      numTopics,
      numTerms,
      passes: 10,
      chunksize: 250,
      randomState: 3,
      threads: 1,
    });
    try {
      const learned = Array.from({ length: numTopics }, (_, k) =>
        model.lambda.subarray(k * numTerms, (k + 1) * numTerms),
      );
      expect(bestMatchingCosine(learned, corpus.topics)).toBeGreaterThanOrEqual(0.9);
      expect(model.training?.passes).toBe(10);
      expect(model.training?.updates).toBe(1000);
    } finally {
      model.dispose();
    }
  });
});
