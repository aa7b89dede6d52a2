import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { createTrackingClient } from '../create-client';
import { InvalidParameterValueError, ResourceDoesNotExistError } from '../errors';
import { topicModelSignature, writeMlModelFile } from '../mlmodel';
import { TrackingClient } from '../types';

const read = (...parts: string[]): string => readFileSync(join(...parts), 'utf8');
const yamlOf = (...parts: string[]): Record<string, unknown> =>
  parse(read(...parts), { version: '1.1' }) as Record<string, unknown>;
const md5 = (a: string, b: string): string => createHash('md5').update(a).update(b).digest('hex');

describe('file store: MLflow mlruns layout', () => {
  let root: string;
  let client: TrackingClient;
  let experimentId: string;

  beforeAll(async () => {
    root = join(mkdtempSync(join(tmpdir(), 'tracking-fs-')), 'mlruns');
    client = createTrackingClient(root);
    experimentId = await client.getOrCreateExperiment('topicops');
  });

  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('creates the default experiment 0, .trash and new experiments with random 18-digit ids', () => {
    expect(client.kind).toBe('file');
    expect(existsSync(join(root, '.trash'))).toBe(true);
    const defaultMeta = yamlOf(root, '0', 'meta.yaml');
    expect(defaultMeta).toEqual({
      artifact_location: `${pathToFileURL(root).href}/0`,
      creation_time: expect.any(Number),
      experiment_id: '0',
      last_update_time: expect.any(Number),
      lifecycle_stage: 'active',
      name: 'Default',
    });
    expect(read(root, '0', 'meta.yaml')).toContain("experiment_id: '0'");
    expect(experimentId).toMatch(/^[1-9]\d{17}$/);
    const meta = yamlOf(root, experimentId, 'meta.yaml');
    expect(meta).toMatchObject({ experiment_id: experimentId, name: 'topicops', lifecycle_stage: 'active' });
    expect(meta['artifact_location']).toBe(`${pathToFileURL(root).href}/${experimentId}`);
  });

  it('finds an existing experiment by name instead of creating another', async () => {
    const again = await createTrackingClient(`file://${root}`).getOrCreateExperiment('topicops');
    expect(again).toBe(experimentId);
    const experimentFolders = (await fs.readdir(root)).filter((name) => /^\d+$/.test(name));
    expect(experimentFolders.sort()).toEqual(['0', experimentId].sort());
  });

  it('writes run meta.yaml with every field MLflow persists, and the reserved tags', async () => {
    const run = await client.createRun({
      experimentId,
      runName: 'train-k8',
      tags: { team: 'humanities' },
      startTime: 1700000000000,
    });
    expect(run.runId).toMatch(/^[0-9a-f]{32}$/);
    const runDir = join(root, experimentId, run.runId);
    const meta = yamlOf(runDir, 'meta.yaml');
    expect(Object.keys(meta).sort()).toEqual(
      [
        'artifact_uri',
        'deleted_time',
        'end_time',
        'entry_point_name',
        'experiment_id',
        'lifecycle_stage',
        'run_id',
        'run_name',
        'run_uuid',
        'source_name',
        'source_type',
        'source_version',
        'start_time',
        'status',
        'tags',
        'user_id',
      ].sort(),
    );
    expect(meta).toMatchObject({
      artifact_uri: `${pathToFileURL(root).href}/${experimentId}/${run.runId}/artifacts`,
      end_time: null,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: 'active',
      run_id: run.runId,
      run_uuid: run.runId,
      run_name: 'train-k8',
      source_type: 4,
      start_time: 1700000000000,
      status: 1,
      tags: [],
    });
    for (const folder of ['metrics', 'params', 'artifacts']) expect(existsSync(join(runDir, folder))).toBe(true);
    expect(read(runDir, 'tags', 'mlflow.runName')).toBe('train-k8');
    expect(read(runDir, 'tags', 'mlflow.source.type')).toBe('LOCAL');
    expect(read(runDir, 'tags', 'team')).toBe('humanities');
    expect(read(runDir, 'tags', 'mlflow.user').length).toBeGreaterThan(0);

    await client.updateRun(run.runId, 'FINISHED', 1700000005000);
    expect(yamlOf(runDir, 'meta.yaml')).toMatchObject({ status: 3, end_time: 1700000005000 });
    await client.updateRun(run.runId, 'FAILED');
    expect(yamlOf(runDir, 'meta.yaml')['status']).toBe(4);
  });

  it('stores params raw, metrics as "<timestamp_ms> <value> <step>" lines and keys with / as folders', async () => {
    const run = await client.createRun({ experimentId });
    const runDir = join(root, experimentId, run.runId);
    await client.logBatch(run.runId, {
      params: { k: 20, alpha: 'auto', lemmatize: false, 'dictionary/no_below': 5 },
      metrics: [
        { key: 'c_v', value: 0.41, timestamp: 1700000000000, step: 0 },
        { key: 'c_v', value: 0.45, timestamp: 1700000000100, step: 1 },
        { key: 'loss/per_word_bound', value: -7, timestamp: 1700000000200 },
      ],
      tags: { phase: 'train' },
    });
    expect(read(runDir, 'params', 'k')).toBe('20');
    expect(read(runDir, 'params', 'alpha')).toBe('auto');
    expect(read(runDir, 'params', 'lemmatize')).toBe('false');
    expect(read(runDir, 'params', 'dictionary', 'no_below')).toBe('5');
    expect(read(runDir, 'metrics', 'c_v')).toBe('1700000000000 0.41 0\n1700000000100 0.45 1\n');
    expect(read(runDir, 'metrics', 'loss', 'per_word_bound')).toBe('1700000000200 -7.0 0\n');
    expect(read(runDir, 'tags', 'phase')).toBe('train');

    const fetched = await client.getRun(run.runId);
    expect(fetched.data.metrics).toEqual({ c_v: 0.45, 'loss/per_word_bound': -7 });
    expect(fetched.data.params).toEqual({ k: '20', alpha: 'auto', lemmatize: 'false', 'dictionary/no_below': '5' });
    expect(await client.getMetricHistory(run.runId, 'c_v')).toEqual([
      { key: 'c_v', value: 0.41, timestamp: 1700000000000, step: 0 },
      { key: 'c_v', value: 0.45, timestamp: 1700000000100, step: 1 },
    ]);
  });

  it('accepts re-logging a param with the same value and rejects a changed value without writing anything', async () => {
    const run = await client.createRun({ experimentId });
    const runDir = join(root, experimentId, run.runId);
    await client.logBatch(run.runId, { params: { k: '8' } });
    await client.logBatch(run.runId, { params: { k: '8' } });
    await expect(
      client.logBatch(run.runId, { params: { k: '9', other: 'x' }, metrics: [{ key: 'm', value: 1 }] }),
    ).rejects.toBeInstanceOf(InvalidParameterValueError);
    expect(read(runDir, 'params', 'k')).toBe('8');
    expect(existsSync(join(runDir, 'params', 'other'))).toBe(false);
    expect(existsSync(join(runDir, 'metrics', 'm'))).toBe(false);
  });

  it('rejects invalid keys and values before touching the store', async () => {
    const run = await client.createRun({ experimentId });
    const bad = ['../escape', '/abs', 'a/../b', 'semi;colon', 'x'.repeat(251), 'trailing/'];
    for (const key of bad) {
      await expect(client.logBatch(run.runId, { metrics: [{ key, value: 1 }] })).rejects.toBeInstanceOf(
        InvalidParameterValueError,
      );
    }
    await expect(client.logBatch(run.runId, { params: { long: 'v'.repeat(6001) } })).rejects.toThrow(/6000/);
    await expect(client.logBatch(run.runId, { tags: { long: 't'.repeat(8001) } })).rejects.toThrow(/8000/);
    expect(await fs.readdir(join(root, experimentId, run.runId, 'metrics'))).toEqual([]);
  });

  it('records parent/child runs through the mlflow.parentRunId tag', async () => {
    const parent = await client.createRun({ experimentId, runName: 'retrain-loop' });
    const child = await client.createRun({ experimentId, runName: 'k=10', parentRunId: parent.runId });
    expect(read(root, experimentId, child.runId, 'tags', 'mlflow.parentRunId')).toBe(parent.runId);
    await expect(client.createRun({ experimentId, parentRunId: 'f'.repeat(32) })).rejects.toBeInstanceOf(
      ResourceDoesNotExistError,
    );
  });

  it('logs dataset inputs under datasets/ and inputs/ with MLflow ids', async () => {
    const run = await client.createRun({ experimentId });
    await client.logInputs(run.runId, [
      { name: 'chroniclitaly', digest: 'abc123', sourceType: 'local', source: '{"uri": "corpus:demo"}' },
    ]);
    const datasetId = md5('chroniclitaly', 'abc123');
    expect(yamlOf(root, experimentId, 'datasets', datasetId, 'meta.yaml')).toEqual({
      digest: 'abc123',
      name: 'chroniclitaly',
      profile: null,
      schema: null,
      source: '{"uri": "corpus:demo"}',
      source_type: 'local',
    });
    expect(yamlOf(root, experimentId, run.runId, 'inputs', md5(datasetId, run.runId), 'meta.yaml')).toEqual({
      destination_id: run.runId,
      destination_type: 'RUN',
      source_id: datasetId,
      source_type: 'DATASET',
      tags: { 'mlflow.data.context': 'training' },
    });
    expect((await client.getRun(run.runId)).inputs).toEqual([
      {
        name: 'chroniclitaly',
        digest: 'abc123',
        sourceType: 'local',
        source: '{"uri": "corpus:demo"}',
        context: 'training',
      },
    ]);
    await expect(
      client.logInputs(run.runId, [{ name: 'x', digest: 'd'.repeat(37), sourceType: 'local', source: '' }]),
    ).rejects.toThrow(/36/);
  });

  it('logs a model folder with its MLmodel, registers versions and moves aliases', async () => {
    const run = await client.createRun({ experimentId, runName: 'model-run' });
    const modelDir = join(root, '..', 'model-out');
    await fs.mkdir(modelDir, { recursive: true });
    await fs.writeFile(join(modelDir, 'lambda.f32'), Buffer.from([1, 2, 3, 4]));
    await writeMlModelFile(modelDir, {
      artifactPath: 'model',
      runId: run.runId,
      flavor: 'topicops_lda',
      signature: topicModelSignature(8),
    });
    const source = await client.logModel(run.runId, modelDir, 'model');
    const artifactDir = join(root, experimentId, run.runId, 'artifacts', 'model');
    expect(source).toBe(`${pathToFileURL(root).href}/${experimentId}/${run.runId}/artifacts/model`);
    expect(readFileSync(join(artifactDir, 'lambda.f32'))).toEqual(Buffer.from([1, 2, 3, 4]));
    const history = JSON.parse(read(root, experimentId, run.runId, 'tags', 'mlflow.log-model.history')) as Array<
      Record<string, unknown>
    >;
    expect(history[0]).toMatchObject({
      artifact_path: 'model',
      run_id: run.runId,
      flavors: { topicops_lda: expect.any(Object) },
    });

    await client.ensureRegisteredModel('topicops-lda');
    await client.ensureRegisteredModel('topicops-lda');
    const modelRoot = join(root, 'models', 'topicops-lda');
    expect(yamlOf(modelRoot, 'meta.yaml')).toEqual({
      aliases: {},
      creation_timestamp: expect.any(Number),
      description: null,
      last_updated_timestamp: expect.any(Number),
      name: 'topicops-lda',
    });
    const v1 = await client.createModelVersion('topicops-lda', source, run.runId);
    const v2 = await client.createModelVersion('topicops-lda', source, run.runId);
    expect([v1.version, v2.version]).toEqual(['1', '2']);
    expect(yamlOf(modelRoot, 'version-1', 'meta.yaml')).toEqual({
      aliases: [],
      creation_timestamp: expect.any(Number),
      current_stage: 'None',
      description: null,
      last_updated_timestamp: expect.any(Number),
      name: 'topicops-lda',
      run_id: run.runId,
      run_link: null,
      source,
      status: 'READY',
      status_message: null,
      storage_location: source,
      user_id: null,
      version: 1,
    });

    await client.setAlias('topicops-lda', 'champion', 1);
    expect(read(modelRoot, 'aliases', 'champion')).toBe('1');
    expect((await client.getAlias('topicops-lda', 'champion'))?.version).toBe('1');
    await client.setAlias('topicops-lda', 'champion', '2');
    expect(read(modelRoot, 'aliases', 'champion')).toBe('2');
    expect(yamlOf(modelRoot, 'meta.yaml')['aliases']).toEqual({ champion: '2' });
    expect((await client.getModelVersion('topicops-lda', 2)).aliases).toEqual(['champion']);
    expect((await client.listModelVersions('topicops-lda')).map((v) => v.version)).toEqual(['1', '2']);

    for (const reserved of ['latest', 'LATEST', 'v3', 'V12', 'bad alias', '']) {
      await expect(client.setAlias('topicops-lda', reserved, 1)).rejects.toBeInstanceOf(InvalidParameterValueError);
    }
    await expect(client.setAlias('topicops-lda', 'champion', 9)).rejects.toBeInstanceOf(ResourceDoesNotExistError);

    const downloaded = await client.downloadModelVersion('topicops-lda', '2', join(root, '..', 'download'));
    expect(downloaded).toBe(join(root, '..', 'download', 'model'));
    expect(readFileSync(join(downloaded, 'lambda.f32'))).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(read(downloaded, 'MLmodel')).toContain('topicops_lda');

    await client.deleteAlias('topicops-lda', 'champion');
    expect(existsSync(join(modelRoot, 'aliases', 'champion'))).toBe(false);
    expect(await client.getAlias('topicops-lda', 'champion')).toBeNull();
    expect(await client.getAlias('never-registered', 'champion')).toBeNull();
  });

  it('uploads and downloads plain artifact folders', async () => {
    const run = await client.createRun({ experimentId });
    const local = join(root, '..', 'report');
    await fs.mkdir(join(local, 'charts'), { recursive: true });
    await fs.writeFile(join(local, 'topics.json'), '{"k":8}');
    await fs.writeFile(join(local, 'charts', 'cv.csv'), 'k,cv\n8,0.4\n');
    await client.logArtifacts(run.runId, local, 'report');
    const target = await client.downloadArtifacts(run.runId, 'report/charts', join(root, '..', 'fetched'));
    expect(read(target, 'cv.csv')).toBe('k,cv\n8,0.4\n');
    await expect(client.logArtifacts(run.runId, local, '../outside')).rejects.toBeInstanceOf(
      InvalidParameterValueError,
    );
    await expect(client.downloadArtifacts(run.runId, 'missing', join(root, '..', 'fetched'))).rejects.toBeInstanceOf(
      ResourceDoesNotExistError,
    );
  });

  it('searches runs with filter, order and pagination', async () => {
    const searchExperiment = await client.getOrCreateExperiment('search');
    for (const [k, cv] of [
      [5, 0.31],
      [10, 0.47],
      [15, 0.44],
      [20, 0.39],
    ] as const) {
      const run = await client.createRun({ experimentId: searchExperiment, runName: `k${k}` });
      await client.logBatch(run.runId, { params: { k }, metrics: [{ key: 'c_v', value: cv }] });
    }
    const good = await client.searchRuns({
      experimentIds: [searchExperiment],
      filter: 'metrics.c_v > 0.4',
      orderBy: ['metrics.c_v DESC'],
    });
    expect(good.map((run) => run.info.runName)).toEqual(['k10', 'k15']);
    const exact = await client.searchRuns({
      experimentIds: [searchExperiment],
      filter: "params.k = '20' and attributes.status = 'RUNNING'",
    });
    expect(exact.map((run) => run.data.params['k'])).toEqual(['20']);
    const first = await client.searchRunsPage({
      experimentIds: [searchExperiment],
      orderBy: ['params.k ASC'],
      maxResults: 3,
    });
    expect(first.runs.map((run) => run.info.runName)).toEqual(['k10', 'k15', 'k20']); // string order, as MLflow sorts params
    expect(first.nextPageToken).not.toBeNull();
    const second = await client.searchRunsPage({
      experimentIds: [searchExperiment],
      orderBy: ['params.k ASC'],
      maxResults: 3,
      pageToken: first.nextPageToken ?? '',
    });
    expect(second.runs.map((run) => run.info.runName)).toEqual(['k5']);
    expect(second.nextPageToken).toBeNull();
    await expect(
      client.searchRuns({ experimentIds: [searchExperiment], filter: 'metrics.c_v > 0.4 or params.k = 1' }),
    ).rejects.toThrow(/OR/);
  });
});
