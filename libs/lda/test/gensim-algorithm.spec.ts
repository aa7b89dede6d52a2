// The E-step and M-step against straight transcriptions of gensim 4.2's LdaModel.inference / LdaState.blend.
import { packDocs } from '../src/corpus/packed-docs';
import { EStepSession } from '../src/estep/estep-session';
import { FLOAT32_EPSILON } from '../src/estep/estep-types';
import { runEStep } from '../src/estep/run-estep';
import { inferSingleDocument } from '../src/estep/single-document';
import { TopicColumns } from '../src/estep/topic-columns';
import { RandomStream, fillGensimGammaInit } from '../src/math/random';
import { digamma, lgamma, trigamma } from '../src/math/special-functions';
import { selectBackend } from '../src/tensor/backend';
import { digammaOp } from '../src/tensor/digamma-op';
import { tf } from '../src/tensor/tf';
import { TopicState } from '../src/train/topic-state';
import { SimdTopicState } from '../src/simd/mstep-kernel';
import { generateLdaCorpus } from './synthetic-corpus';

const K = 5;
const V = 80;

function dirichletExpectation(values: number[]): number[] {
  const psiSum = digamma(values.reduce((a, b) => a + b, 0));
  return values.map((v) => digamma(v) - psiSum);
}

/** gensim's per-document loop, line by line; returns γ and the document's contribution to sstats (before ⊙ expElogbeta). */
function gensimInference(
  doc: ReadonlyArray<readonly [number, number]>,
  expElogbetaT: Float32Array,
  alpha: number[],
  gamma0: number[],
  iterations: number,
  threshold: number,
  topics = K,
) {
  const ids = doc.map(([id]) => id);
  const cts = doc.map(([, c]) => c);
  const columns = ids.map((id) => Array.from({ length: topics }, (_, k) => expElogbetaT[id * topics + k]));
  const column = (i: number) => columns[i];
  let gamma = gamma0.slice();
  let expElogtheta = dirichletExpectation(gamma).map(Math.exp);
  const phinorm = () => ids.map((_, i) => column(i).reduce((s, b, k) => s + b * expElogtheta[k], 0) + FLOAT32_EPSILON);
  let norm = phinorm();
  for (let it = 0; it < iterations; it++) {
    const last = gamma;
    const dot = Array.from({ length: topics }, (_, k) =>
      ids.reduce((s, _id, i) => s + (cts[i] / norm[i]) * column(i)[k], 0),
    );
    gamma = alpha.map((a, k) => a + expElogtheta[k] * dot[k]);
    expElogtheta = dirichletExpectation(gamma).map(Math.exp);
    norm = phinorm();
    if (gamma.reduce((s, g, k) => s + Math.abs(g - last[k]), 0) / topics < threshold) break;
  }
  const contribution = ids.map((_, i) => expElogtheta.map((e) => (e * cts[i]) / norm[i]));
  return { gamma, ids, contribution };
}

describe('gensim algorithm', () => {
  beforeAll(() => selectBackend('wasm'));

  const corpus = generateLdaCorpus({
    seed: 2,
    numTopics: K,
    numTerms: V,
    numDocs: 40,
    docLength: 70,
    alpha: 0.3,
    eta: 0.1,
  });
  const expElogbetaT = Float32Array.from({ length: V * K }, (_, i) => 0.2 + ((i * 37) % 101) / 50);
  const alpha = [0.1, 0.2, 0.2, 0.3, 0.2];
  const gammaInit = new Float32Array(corpus.docs.length * K);
  fillGensimGammaInit(gammaInit, 0, gammaInit.length, 42);

  it.each([
    ['tfjs padded sub-batches', 'tfjs', Infinity],
    ['tfjs one document at a time', 'tfjs', 0],
    ['tfjs, both', 'tfjs', 60 * K],
    ['the WebAssembly SIMD kernel', 'wasm-simd', undefined],
  ] as const)(
    'E-step with %s: same γ and sufficient statistics as gensim, for every document',
    (_, kernel, perDocumentFrom) => {
      const topics = TopicColumns.fromUnpadded(expElogbetaT, K, V);
      const docs = [...corpus.docs, []];
      const init = new Float32Array(docs.length * K).fill(1);
      init.set(gammaInit);
      const result = runEStep(topics, packDocs(docs, V), init, {
        alpha,
        iterations: 50,
        gammaThreshold: 0.001,
        collectSstats: true,
        elementBudget: 4000,
        perDocumentFrom,
        kernel,
      });
      const expected = new Float64Array(V * K);
      corpus.docs.forEach((doc, d) => {
        const ref = gensimInference(
          doc,
          expElogbetaT,
          alpha,
          Array.from(gammaInit.subarray(d * K, d * K + K)),
          50,
          0.001,
        );
        ref.gamma.forEach((g, k) => expect(result.gamma[d * K + k]).toBeCloseTo(g, 3));
        ref.ids.forEach((id, i) => ref.contribution[i].forEach((c, k) => (expected[id * K + k] += c)));
      });
      // An empty document ends at γ = α, as in gensim.
      expect(Array.from(result.gamma.subarray(corpus.docs.length * K))).toEqual(alpha.map(Math.fround));
      expected.forEach((value, i) => expect(result.sstats?.[i]).toBeCloseTo(value, 2));
    },
  );

  it('SIMD kernel with many topics (θ kept in memory) and K not a multiple of 4: same γ as gensim', () => {
    const manyTopics = 30;
    const wide = Float32Array.from({ length: V * manyTopics }, (_, i) => 0.1 + ((i * 53) % 89) / 40);
    const wideAlpha = new Array(manyTopics).fill(1 / manyTopics);
    const docs = corpus.docs.slice(0, 6);
    const init = new Float32Array(docs.length * manyTopics);
    fillGensimGammaInit(init, 0, init.length, 43);
    const result = runEStep(TopicColumns.fromUnpadded(wide, manyTopics, V), packDocs(docs, V), init, {
      kernel: 'wasm-simd',
      alpha: wideAlpha,
      iterations: 30,
      gammaThreshold: 0.001,
      collectSstats: false,
    });
    docs.forEach((doc, d) => {
      const ref = gensimInference(
        doc,
        wide,
        wideAlpha,
        Array.from(init.subarray(d * manyTopics, (d + 1) * manyTopics)),
        30,
        0.001,
        manyTopics,
      );
      ref.gamma.forEach((g, k) => expect(result.gamma[d * manyTopics + k]).toBeCloseTo(g, 3));
    });
  });

  it('SIMD kernel leaves out topics whose exp(E[log θ]) underflows in float32: same γ and statistics as gensim (K = 100, α = 0.01)', () => {
    const topics = 100;
    const terms = 300;
    const sparse = generateLdaCorpus({
      seed: 5,
      numTopics: topics,
      numTerms: terms,
      numDocs: 8,
      docLength: 400,
      alpha: 0.02,
      eta: 0.05,
    });
    // Sharp topics, as after training: each document ends up explained by a few of them.
    const table = new Float32Array(terms * topics);
    sparse.topics.forEach((row, k) => row.forEach((p, w) => (table[w * topics + k] = p)));
    const sparseAlpha = new Array<number>(topics).fill(0.01);
    const init = new Float32Array(sparse.docs.length * topics);
    fillGensimGammaInit(init, 0, init.length, 44);
    const result = runEStep(TopicColumns.fromUnpadded(table, topics, terms), packDocs(sparse.docs, terms), init, {
      kernel: 'wasm-simd',
      alpha: sparseAlpha,
      iterations: 50,
      gammaThreshold: 0.001,
      collectSstats: true,
    });
    const close = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
    const expected = new Float64Array(terms * topics);
    let leftAtAlpha = 0;
    sparse.docs.forEach((doc, d) => {
      const ref = gensimInference(
        doc,
        table,
        sparseAlpha,
        Array.from(init.subarray(d * topics, (d + 1) * topics)),
        50,
        0.001,
        topics,
      );
      ref.gamma.forEach((g, k) => close(result.gamma[d * topics + k], g));
      ref.ids.forEach((id, i) => ref.contribution[i].forEach((c, k) => (expected[id * topics + k] += c)));
      for (let k = 0; k < topics; k++) if (result.gamma[d * topics + k] === Math.fround(0.01)) leftAtAlpha++;
    });
    expected.forEach((value, i) => close(result.sstats?.[i] ?? Number.NaN, value));
    // Most topics of every document were left out (γ exactly α), which is what made the pass cheap.
    expect(leftAtAlpha).toBeGreaterThan(sparse.docs.length * topics * 0.5);
  });

  it.each(['tfjs', 'wasm-simd'] as const)(
    'E-step session (%s): statistics of several chunks accumulate until taken',
    (kernel) => {
      const topics = TopicColumns.fromUnpadded(expElogbetaT, K, V);
      const session = new EStepSession(kernel, K);
      session.setTopics(topics);
      const first = packDocs(corpus.docs.slice(0, 25), V);
      const second = packDocs(corpus.docs.slice(25), V);
      const start = new Float32Array(corpus.docs.length * K);
      fillGensimGammaInit(start, 0, start.length, 3);
      const a = session.run(first, start.slice(0, 25 * K), {
        alpha,
        iterations: 50,
        gammaThreshold: 0.001,
        collectSstats: true,
      });
      session.run(second, start.slice(25 * K), { alpha, iterations: 50, gammaThreshold: 0.001, collectSstats: true });
      const taken = session.takeStatistics();
      const whole = runEStep(topics, packDocs(corpus.docs, V), start, {
        kernel,
        alpha,
        iterations: 50,
        gammaThreshold: 0.001,
        collectSstats: true,
      });
      a.gamma.forEach((g, i) => expect(g).toBeCloseTo(whole.gamma[i], 4));
      taken.forEach((value, i) => expect(value).toBeCloseTo(whole.sstats?.[i] ?? Number.NaN, 3));
      expect(session.takeStatistics().every((v) => v === 0)).toBe(true);
    },
  );

  it('single-document fast path: same γ as gensim', () => {
    corpus.docs.slice(0, 5).forEach((doc, d) => {
      const init = Array.from(gammaInit.subarray(d * K, d * K + K));
      const ref = gensimInference(doc, expElogbetaT, alpha, init, 100, 1e-6);
      const gamma = inferSingleDocument({
        expElogbetaT,
        numTopics: K,
        ids: doc.map(([id]) => id),
        counts: doc.map(([, c]) => c),
        alpha,
        gammaInit: init,
        iterations: 100,
        gammaThreshold: 1e-6,
      });
      ref.gamma.forEach((g, k) => expect(gamma[k]).toBeCloseTo(g, 6));
    });
  });

  it.each(['tfjs', 'wasm-simd'] as const)("M-step (%s): gensim's blend and exp(E[log β])", (mstep) => {
    const random = new RandomStream(1);
    const initial = Float32Array.from({ length: K * V }, () => random.gamma(100, 0.01));
    const eta = new Float64Array(V).fill(0.2);
    const state = mstep === 'tfjs' ? new TopicState(K, V, eta, initial, false) : new SimdTopicState(K, V, eta, initial);
    const initialColumns = state.columns().values;
    for (let k = 0; k < K; k++) {
      const expected = dirichletExpectation(Array.from(initial.subarray(k * V, (k + 1) * V))).map(Math.exp);
      for (let w = 0; w < V; w += 5) expect(initialColumns[w * K + k]).toBeCloseTo(expected[w], 5);
    }
    const chunkStats = Float32Array.from({ length: V * K }, () => random.uniform() * 3);
    const expElogbeta0 = Array.from({ length: K }, (_, k) =>
      dirichletExpectation(Array.from(initial.subarray(k * V, (k + 1) * V))).map(Math.exp),
    );
    const rho = 0.7;
    state.blend(rho, chunkStats, 25, 100);
    const lambda = state.lambda();
    for (let k = 0; k < K; k++) {
      for (let w = 0; w < V; w += 7) {
        const expected =
          0.2 + (1 - rho) * initial[k * V + w] + rho * (100 / 25) * chunkStats[w * K + k] * expElogbeta0[k][w];
        expect(lambda[k * V + w]).toBeCloseTo(expected, 3);
      }
    }
    const columns = state.columns().values;
    const row = Array.from(lambda.subarray(0, V));
    const expectedExp = dirichletExpectation(row).map(Math.exp);
    for (let w = 0; w < V; w += 9) expect(columns[w * K]).toBeCloseTo(expectedExp[w], 5);
    expect(Array.from(columns.subarray(V * K))).toEqual(new Array(K).fill(0));
    state.dispose();
  });

  it('SIMD M-step: exp(E[log β]) within float32 rounding of the exact value over λ from 1e-3 to 1e6 (K = 7, padded)', () => {
    const topics = 7;
    const terms = 500;
    const eta = new Float64Array(terms).fill(0.01);
    // λ spans sparse topics (most entries at η, exp(E[log β]) underflowing) to dense ones.
    const initial = Float32Array.from({ length: topics * terms }, (_, i) =>
      i % 11 === 0 ? Math.exp(((i * 7919) % 1000) / 72 - 7) : 1e-3 * (1 + (i % 5)),
    );
    const simd = new SimdTopicState(topics, terms, eta, initial);
    const stats = Float32Array.from({ length: terms * topics }, (_, i) => (i % 3 === 0 ? (i % 17) * 2.5 : 0));
    simd.blend(0.4, stats, 10, 40);
    const lambda = simd.lambda();
    const columns = simd.columns().values;
    let compared = 0;
    for (let k = 0; k < topics; k++) {
      const expected = dirichletExpectation(Array.from(lambda.subarray(k * terms, (k + 1) * terms))).map(Math.exp);
      for (let w = 0; w < terms; w++) {
        const got = columns[w * topics + k];
        if (expected[w] > 1e-30) {
          expect(Math.abs(got - expected[w]) / expected[w]).toBeLessThan(1e-4);
          compared++;
        } else expect(got).toBeLessThan(1e-30);
      }
    }
    expect(compared).toBeGreaterThan(topics * terms * 0.05);
  });

  it('special functions match known values, in JS and as tfjs ops', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 9);
    expect(digamma(0.01)).toBeCloseTo(-100.5608854578687, 9);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 9);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 9);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lgamma(100)).toBeCloseTo(359.1342053695754, 9);
    const xs = [0.001, 0.05, 0.5, 1, 2.5, 7, 40, 1e4];
    const op = digammaOp(tf.tensor1d(xs));
    const values = op.dataSync();
    op.dispose();
    xs.forEach((x, i) => expect(values[i]).toBeCloseTo(digamma(x), Math.abs(digamma(x)) > 100 ? 2 : 4));
  });
});
