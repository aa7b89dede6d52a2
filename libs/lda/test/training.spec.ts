import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LdaModel, TrainProgress, inMemoryCorpus, readMatrixMarket, trainLda, writeMatrixMarket } from '../src';
import { generateLdaCorpus } from './synthetic-corpus';

const corpus = generateLdaCorpus({
  seed: 21,
  numTopics: 4,
  numTerms: 150,
  numDocs: 400,
  docLength: 60,
  alpha: 0.2,
  eta: 0.05,
});
const base = { numTopics: 4, numTerms: 150, passes: 2, chunksize: 100, randomState: 17 } as const;

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
  return worst;
}

describe('training', () => {
  const models: LdaModel[] = [];
  const train = async (options: Partial<Parameters<typeof trainLda>[1]>, hooks = {}) => {
    const model = await trainLda(inMemoryCorpus(corpus.docs), { ...base, threads: 1, ...options }, hooks);
    models.push(model);
    return model;
  };
  afterAll(() => models.forEach((m) => m.dispose()));

  it('is reproducible for a seed and the same whatever the thread count', async () => {
    const single = await train({});
    const again = await train({});
    const threaded = await train({ threads: 2 });
    expect(Array.from(again.lambda)).toEqual(Array.from(single.lambda));
    expect(threaded.training).toMatchObject({ threads: 2, requestedThreads: 2 });
    expect(threaded.training?.threadFallback).toBeUndefined();
    // Only the order of float32 sums differs between one thread and two.
    expect(maxDifference(threaded.lambda, single.lambda)).toBeLessThan(5e-4);
    const otherSeed = await train({ randomState: 18 });
    expect(maxDifference(otherSeed.lambda, single.lambda)).toBeGreaterThan(1e-2);
  });

  it('trains the same from a streamed Matrix Market file as from memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topicops-lda-stream-'));
    try {
      await writeMatrixMarket(join(dir, 'corpus.mm'), corpus.docs, base.numTerms);
      const streamed = await trainLda(await readMatrixMarket(join(dir, 'corpus.mm')), { ...base, threads: 1 });
      models.push(streamed);
      const inMemory = await train({});
      expect(Array.from(streamed.lambda)).toEqual(Array.from(inMemory.lambda));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the calling thread when the worker script is missing, and says so', async () => {
    process.env['LDA_WORKER_SCRIPT'] = '/nonexistent/lda-worker.js';
    try {
      const model = await train({ threads: 2, passes: 1 });
      expect(model.training).toMatchObject({ threads: 1, requestedThreads: 2 });
      expect(model.training?.threadFallback).toMatch(
        /threads=1: worker script not found at \/nonexistent\/lda-worker.js/,
      );
    } finally {
      delete process.env['LDA_WORKER_SCRIPT'];
    }
  });

  it('reports progress and the per-word bound of every pass', async () => {
    const progress: TrainProgress[] = [];
    const bounds: number[] = [];
    const model = await train(
      { passes: 3 },
      { onProgress: (p: TrainProgress) => progress.push(p), onPassEnd: (_: number, b: number) => bounds.push(b) },
    );
    expect(progress).toHaveLength(12);
    expect(progress[11]).toEqual({ pass: 2, passes: 3, docsDone: 400, docsTotal: 400 });
    expect(bounds).toHaveLength(3);
    bounds.forEach((b) => expect(b).toBeLessThan(0));
    // Training improves the bound from the first pass to the last.
    expect(bounds[2]).toBeGreaterThan(bounds[0]);
    expect(model.training).toMatchObject({ passes: 3, chunks: 12, updates: 400, documents: 400 });
  });

  it("learns α and η with 'auto', and runs batch LDA with updateEvery 0", async () => {
    const auto = await train({ alpha: 'auto', eta: 'auto' });
    expect(Array.from(auto.alpha).some((a) => Math.abs(a - 0.25) > 1e-3)).toBe(true);
    expect(Array.from(auto.eta).some((e) => Math.abs(e - 0.25) > 1e-3)).toBe(true);
    const asymmetric = await train({ alpha: 'asymmetric', passes: 1 });
    expect(asymmetric.alpha[0]).toBeGreaterThan(asymmetric.alpha[3]);
    expect(asymmetric.alpha.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const batch = await train({ updateEvery: 0 });
    expect(batch.training).toMatchObject({ updates: 400, chunks: 8 });
  });
});
