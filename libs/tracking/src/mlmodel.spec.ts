import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatUtcTimeCreated, readMlModelFile, topicModelSignature, writeMlModelFile } from './mlmodel';
import { dumpYaml, pythonFloatRepr } from './python-format';

describe('MLmodel file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmodel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the fields MLflow reads, with the signature as JSON strings', async () => {
    await writeMlModelFile(dir, {
      artifactPath: 'model',
      runId: 'abc',
      flavor: 'topicops_lda',
      signature: topicModelSignature(8),
      flavorConfig: { num_topics: 8 },
      modelUuid: '0123456789abcdef0123456789abcdef',
      createdAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
    });
    const document = parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as Record<string, unknown>;
    expect(document).toEqual({
      artifact_path: 'model',
      flavors: { topicops_lda: { format_version: 1, num_topics: 8 } },
      mlflow_version: expect.stringMatching(/^2\.\d+\.\d+$/),
      model_uuid: '0123456789abcdef0123456789abcdef',
      run_id: 'abc',
      signature: {
        inputs: '[{"type": "string", "name": "text", "required": true}]',
        outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 8]}}]',
        params: null,
      },
      utc_time_created: '2024-01-02 03:04:05.678000',
    });
    expect((await readMlModelFile(dir)).run_id).toBe('abc');
  });

  it('explains a folder without MLmodel', async () => {
    await expect(readMlModelFile(join(dir, 'nothing'))).rejects.toThrow(/no MLmodel file/);
  });

  it('formats like Python', () => {
    expect(formatUtcTimeCreated(new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 5)))).toBe('2024-12-31 23:59:59.005000');
    expect([1, 0.5, 1e-5, 1e16, -7, NaN, Infinity, -Infinity].map(pythonFloatRepr)).toEqual([
      '1.0',
      '0.5',
      '1e-05',
      '1e+16',
      '-7.0',
      'nan',
      'inf',
      '-inf',
    ]);
    expect(dumpYaml({ b: 'yes', a: '0', c: null })).toBe("a: '0'\nb: 'yes'\nc: null\n");
  });
});
