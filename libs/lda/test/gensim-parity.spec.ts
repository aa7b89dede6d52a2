import { LdaModel } from '../src';
import { LdaReference, loadLdaReference } from './reference-fixture';

function referenceModel(reference: LdaReference): LdaModel {
  const K = reference.num_topics;
  const V = reference.vocab.length;
  const lambda = new Float32Array(K * V);
  reference.lambda.forEach((row, k) => lambda.set(row, k * V));
  return new LdaModel({
    numTopics: K,
    numTerms: V,
    alpha: reference.alpha,
    eta: reference.eta,
    lambda,
    inference: { iterations: reference.train_params.iterations, randomState: 7 },
  });
}

describe('parity with gensim 4.2 (fixtures/reference/lda_inference.json.gz)', () => {
  const reference = loadLdaReference();
  const model = referenceModel(reference);
  afterAll(() => model.dispose());

  it.each(['wasm-simd', 'tfjs'] as const)(
    'infers held-out θ within L1 0.02 of gensim for at least 95%% of the documents (%s kernel)',
    async (estepKernel) => {
      const theta = await model.inferTheta(reference.heldout_bow, {
        iterations: 2000,
        gammaThreshold: 1e-10,
        deterministic: true,
        estepKernel,
      });
      const distances = theta.map((row, d) =>
        row.reduce((sum, p, k) => sum + Math.abs(p - reference.heldout_theta[d][k]), 0),
      );
      const close = distances.filter((l1) => l1 < 0.02).length;
      expect(theta).toHaveLength(reference.heldout_bow.length);
      expect(close / distances.length).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('gives the same held-out per-word bound (log perplexity) within 0.01', async () => {
    const bound = await model.logPerplexity(reference.heldout_bow);
    expect(Math.abs(bound - reference.heldout_log_perplexity)).toBeLessThan(0.01);
  });

  it('ranks the same top-20 words in every topic', () => {
    for (let k = 0; k < reference.num_topics; k++) {
      const words = model.topTerms(k, 20).map((t) => reference.vocab[t.termId]);
      expect(words).toEqual(reference.top_words[k]);
    }
  });
});
