import { LdaModel, inMemoryCorpus, selectBackend, trainLda } from '../src';
import { generateLdaCorpus } from './synthetic-corpus';

function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

describe('backends', () => {
  const corpus = generateLdaCorpus({
    seed: 5,
    numTopics: 4,
    numTerms: 120,
    numDocs: 300,
    docLength: 60,
    alpha: 0.2,
    eta: 0.05,
  });
  // The tfjs kernel, so that the backend does the arithmetic.
  const options = {
    numTopics: 4,
    numTerms: 120,
    passes: 2,
    chunksize: 100,
    randomState: 9,
    threads: 1,
    estepKernel: 'tfjs',
  } as const;
  const trained: Record<string, LdaModel> = {};

  afterAll(() => Object.values(trained).forEach((m) => m.dispose()));

  it('reports the backend that ran', async () => {
    await expect(selectBackend('cpu')).resolves.toBe('cpu');
    await expect(selectBackend('wasm')).resolves.toBe('wasm');
    await expect(selectBackend('node')).rejects.toThrow(/tfjs-node/);
  });

  it.each(['wasm', 'cpu'] as const)('trains on %s', async (backend) => {
    trained[backend] = await trainLda(inMemoryCorpus(corpus.docs), { ...options, backend });
    expect(trained[backend].backend).toBe(backend);
    expect(trained[backend].training?.backend).toBe(backend);
  });

  it('gives wasm and cpu results that agree to float32 tolerance', async () => {
    expect(maxRelativeDifference(trained['wasm'].lambda, trained['cpu'].lambda)).toBeLessThan(1e-3);
    const docs = corpus.docs.slice(0, 20);
    await selectBackend('cpu');
    const onCpu = await trained['cpu'].inferTheta(docs, { deterministic: true, estepKernel: 'tfjs' });
    expect(trained['cpu'].backend).toBe('cpu');
    await selectBackend('wasm');
    const onWasm = await trained['cpu'].inferTheta(docs, { deterministic: true, estepKernel: 'tfjs' });
    expect(trained['cpu'].backend).toBe('wasm');
    onCpu.forEach((theta, d) => expect(maxRelativeDifference(onWasm[d], theta)).toBeLessThan(1e-4));
  });

  it('gives the same model with the WebAssembly SIMD kernel as with tfjs ops', async () => {
    trained['simd'] = await trainLda(inMemoryCorpus(corpus.docs), {
      ...options,
      backend: 'wasm',
      estepKernel: 'wasm-simd',
    });
    expect(trained['simd'].training?.kernel).toBe('wasm-simd');
    expect(trained['wasm'].training?.kernel).toBe('tfjs');
    expect(maxRelativeDifference(trained['simd'].lambda, trained['wasm'].lambda)).toBeLessThan(1e-3);
  });
});
