import { UsageError } from '@topicops/config';
import { BowCorpus, LdaModel, inMemoryCorpus, trainLda } from '../src';

const tiny = inMemoryCorpus([
  [
    [0, 1],
    [1, 2],
  ],
  [[2, 1]],
]);

async function usageErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe('bad input', () => {
  it('lists every invalid option at once', async () => {
    const message = await usageErrorOf(
      trainLda(tiny, {
        numTopics: 0,
        numTerms: 3,
        chunksize: -1,
        decay: 2,
        iterations: 1.5,
        backend: 'gpu' as 'cpu',
        threads: 0,
      }),
    );
    expect(message).toContain('numTopics must be an integer from 1');
    expect(message).toContain('chunksize must be an integer from 1');
    expect(message).toContain('decay must be in (0, 1]');
    expect(message).toContain('iterations must be an integer from 1');
    expect(message).toContain('backend must be one of auto, node, wasm, cpu');
    expect(message).toContain('threads must be an integer from 1 to 64');
  });

  it.each([
    [{ alpha: [0.1] }, /alpha has 1 values; it needs one per topic \(2\)/],
    [{ alpha: 'uniform' }, /alpha must be 'symmetric', 'asymmetric', 'auto'/],
    [{ eta: 'asymmetric' }, /eta must be 'symmetric', 'auto', a positive number or 3 positive numbers/],
    [{ eta: -1 }, /eta must be a positive number/],
  ])('rejects priors %j', async (prior, message) => {
    await expect(trainLda(tiny, { numTopics: 2, numTerms: 3, ...(prior as object) })).rejects.toThrow(message);
  });

  it('names the document with a term outside the vocabulary', async () => {
    const corpus = inMemoryCorpus([[[0, 1]], [[7, 1]]]);
    expect(await usageErrorOf(trainLda(corpus, { numTopics: 2, numTerms: 3, threads: 1 }))).toMatch(
      /document 1 has term id 7, outside the vocabulary \[0, 3\)/,
    );
  });

  it('refuses an empty corpus and one that yields fewer documents than it declares', async () => {
    expect(await usageErrorOf(trainLda(inMemoryCorpus([]), { numTopics: 2, numTerms: 3 }))).toMatch(/empty corpus/);
    const lying: BowCorpus = { numDocs: 5, chunks: (size) => tiny.chunks(size) };
    expect(await usageErrorOf(trainLda(lying, { numTopics: 2, numTerms: 3, threads: 1 }))).toMatch(
      /declared 5 documents but yielded 2/,
    );
  });

  it('rejects bad inference requests', async () => {
    const model = new LdaModel({
      numTopics: 2,
      numTerms: 3,
      alpha: [0.5, 0.5],
      eta: 0.5,
      lambda: new Float32Array([3, 1, 1, 1, 1, 3]),
    });
    expect(await usageErrorOf(model.inferTheta([[[0, Number.NaN]]]))).toMatch(/count NaN for term 0/);
    expect(await usageErrorOf(model.logPerplexity([]))).toMatch(/at least one document/);
    expect(await usageErrorOf(model.inferTheta([[[0, 1]]], { iterations: 0 }))).toMatch(
      /iterations must be a positive integer/,
    );
    expect(() => model.topTerms(2)).toThrow(/topic 2 does not exist \(the model has topics 0..1\)/);
    model.dispose();
  });
});
