import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { LdaModel, MODEL_FORMAT_VERSION } from '../src';

function smallModel(): LdaModel {
  const lambda = Float32Array.from({ length: 3 * 5 }, (_, i) => 0.5 + ((i * 7) % 11));
  return new LdaModel({
    numTopics: 3,
    numTerms: 5,
    alpha: [0.1, 0.2, 0.3],
    eta: 0.05,
    lambda,
    backend: 'wasm',
    inference: { iterations: 80, randomState: 4 },
  });
}

describe('model files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'topicops-lda-model-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips λ, the priors and the inference settings', async () => {
    const model = smallModel();
    await model.save(dir);
    const header = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(header).toMatchObject({
      format: 'topicops-lda',
      formatVersion: MODEL_FORMAT_VERSION,
      numTopics: 3,
      numTerms: 5,
      eta: 0.05,
      backend: 'wasm',
      lambda: { file: 'lambda.f32', dtype: 'float32', byteOrder: 'little-endian', shape: [3, 5] },
    });
    expect((await readFile(join(dir, 'lambda.f32'))).byteLength).toBe(3 * 5 * 4);

    const loaded = await LdaModel.load(dir);
    expect(Array.from(loaded.lambda)).toEqual(Array.from(model.lambda));
    expect(Array.from(loaded.alpha)).toEqual([0.1, 0.2, 0.3]);
    expect(Array.from(loaded.eta)).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(loaded.inferenceDefaults.iterations).toBe(80);
    const doc = [
      [0, 2],
      [3, 1],
    ] as const;
    expect(await loaded.inferTheta([doc], { deterministic: true })).toEqual(
      await model.inferTheta([doc], { deterministic: true }),
    );
  });

  it.each([
    [
      'a newer format version',
      (h: Record<string, unknown>) => ({ ...h, formatVersion: MODEL_FORMAT_VERSION + 1 }),
      /version 2 is newer than supported/,
    ],
    ['another format', (h: Record<string, unknown>) => ({ ...h, format: 'gensim' }), /not a TopicOps LDA model header/],
    [
      'a shape that disagrees with K and V',
      (h: Record<string, unknown>) => ({ ...h, numTerms: 6 }),
      /lambda shape \[3,5\] does not match/,
    ],
    [
      'alpha of the wrong length',
      (h: Record<string, unknown>) => ({ ...h, alpha: [0.1] }),
      /alpha has 1 values, expected numTopics = 3/,
    ],
  ])('rejects a header with %s', async (_, edit, message) => {
    await smallModel().save(dir);
    const header = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    await writeFile(join(dir, 'model.json'), JSON.stringify(edit(header)));
    await expect(LdaModel.load(dir)).rejects.toThrow(message);
    await expect(LdaModel.load(dir)).rejects.toBeInstanceOf(UsageError);
  });

  it('rejects a truncated or altered λ file and a missing folder', async () => {
    await smallModel().save(dir);
    const bytes = await readFile(join(dir, 'lambda.f32'));
    bytes[0] ^= 0xff;
    await writeFile(join(dir, 'lambda.f32'), bytes);
    await expect(LdaModel.load(dir)).rejects.toThrow(/does not match the checksum/);
    await truncate(join(dir, 'lambda.f32'), 40);
    await expect(LdaModel.load(dir)).rejects.toThrow(/has 40 bytes; 3 topics × 5 terms of float32 need 60/);
    await expect(LdaModel.load(join(dir, 'nope'))).rejects.toThrow(/no LDA model in/);
  });

  it('validates parameters given in memory', () => {
    expect(
      () =>
        new LdaModel({
          numTopics: 2,
          numTerms: 2,
          alpha: [1, 1],
          eta: 1,
          lambda: new Float32Array([1, 2, 3, Number.NaN]),
        }),
    ).toThrow(/lambda\[topic 1, term 1\] = NaN is not a positive number/);
    expect(
      () => new LdaModel({ numTopics: 2, numTerms: 2, alpha: [1, 1], eta: [1], lambda: new Float32Array(4).fill(1) }),
    ).toThrow(/eta has 1 values, expected numTerms = 2/);
  });
});
