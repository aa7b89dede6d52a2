import { request } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrackingClient } from '../create-client';
import {
  InvalidParameterValueError,
  RequestLimitExceededError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  TemporarilyUnavailableError,
  TrackingError,
  TrackingNetworkError,
} from '../errors';
import { topicModelSignature, writeMlModelFile } from '../mlmodel';
import { FakeMlflowServer, FakeMlflowServerOptions, startFakeMlflowServer } from '../testing';
import { TrackingClient, TrackingClientOptions } from '../types';

const FAST: TrackingClientOptions = { retries: 2, backoffBaseMs: 1, maxBackoffMs: 5, timeoutMs: 2000 };

async function post(
  server: FakeMlflowServer,
  endpoint: string,
  body: unknown,
  contentType = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** node:http sends the path as given; fetch would normalise '..' away before it reaches the server. */
function rawStatus(server: FakeMlflowServer, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = request({ hostname, port, path, method }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('x');
  });
}

describe('MLflow REST contract (in-process fake server)', () => {
  let server: FakeMlflowServer;
  let client: TrackingClient;
  let work: string;

  const restart = async (options: FakeMlflowServerOptions = {}): Promise<void> => {
    await server.close();
    server = await startFakeMlflowServer(options);
  };

  beforeEach(async () => {
    server = await startFakeMlflowServer();
    client = createTrackingClient(server.url, FAST);
    work = mkdtempSync(join(tmpdir(), 'tracking-rest-'));
  });

  afterEach(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  describe('experiments', () => {
    it('gets or creates: get-by-name 404 → create; later calls only get', async () => {
      const id = await client.getOrCreateExperiment('topicops');
      expect(server.requests.map((r) => `${r.method} ${r.path.split('/mlflow/')[1]} ${r.status}`)).toEqual([
        'GET experiments/get-by-name 404',
        'POST experiments/create 200',
      ]);
      expect(await client.getOrCreateExperiment('topicops')).toBe(id);
      expect(server.requestsTo('experiments/create')).toHaveLength(1);
    });

    it('survives the race: RESOURCE_ALREADY_EXISTS (HTTP 400, not 409) → get again', async () => {
      // both lookups answer 404 before either create: then exactly one create loses with 400
      server.gateNext({ path: 'experiments/get-by-name', count: 2 });
      const other = createTrackingClient(server.url, FAST);
      const [a, b] = await Promise.all([client.getOrCreateExperiment('shared'), other.getOrCreateExperiment('shared')]);
      expect(a).toBe(b);
      const creates = server.requestsTo('experiments/create');
      expect(creates.map((r) => [r.status, r.errorCode])).toEqual(
        expect.arrayContaining([
          [200, undefined],
          [400, 'RESOURCE_ALREADY_EXISTS'],
        ]),
      );
      expect([...server.state.experiments.values()].filter((e) => e.name === 'shared')).toHaveLength(1);
    });
  });

  describe('runs and log-batch', () => {
    let experimentId: string;
    beforeEach(async () => {
      experimentId = await client.getOrCreateExperiment('runs');
    });

    it('creates runs with reserved tags, parent/child links, and updates status and end time', async () => {
      const parent = await client.createRun({ experimentId, runName: 'loop', tags: { team: 'dh' } });
      expect(parent.runId).toMatch(/^[0-9a-f]{32}$/);
      expect(parent.artifactUri).toBe(`mlflow-artifacts:/${experimentId}/${parent.runId}/artifacts`);
      const child = await client.createRun({ experimentId, parentRunId: parent.runId });
      const stored = server.state.runs.get(child.runId);
      expect(stored?.tags.get('mlflow.parentRunId')).toBe(parent.runId);
      expect(stored?.tags.get('mlflow.source.type')).toBe('LOCAL');
      expect(stored?.tags.get('mlflow.runName')).toBe(child.runName);
      await client.updateRun(parent.runId, 'FINISHED', 1700000009000);
      expect(server.state.runs.get(parent.runId)?.info).toMatchObject({ status: 'FINISHED', end_time: 1700000009000 });
      const fetched = await client.getRun(parent.runId);
      expect(fetched.info).toMatchObject({ status: 'FINISHED', endTime: 1700000009000, runName: 'loop' });
      expect(fetched.data.tags['team']).toBe('dh');
    });

    it('splits large batches so no request exceeds 1000 metrics, 100 params, 100 tags, 1000 items or 1 MB', async () => {
      const run = await client.createRun({ experimentId });
      const metrics = Array.from({ length: 2500 }, (_, i) => ({
        key: `m${i % 5}`,
        value: i / 7,
        step: i,
        timestamp: 1700000000000 + i,
      }));
      const params = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, 'v'.repeat(6000)]));
      const tags = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`t${i}`, 't'.repeat(8000)]));
      await client.logBatch(run.runId, { metrics, params, tags });

      const requests = server.requestsTo('runs/log-batch');
      expect(requests.length).toBeGreaterThanOrEqual(4);
      for (const request of requests) {
        const body = request.body as { metrics: unknown[]; params: unknown[]; tags: unknown[] };
        expect(request.status).toBe(200);
        expect(request.bodyBytes).toBeLessThanOrEqual(1_000_000);
        expect(body.metrics.length).toBeLessThanOrEqual(1000);
        expect(body.params.length).toBeLessThanOrEqual(100);
        expect(body.tags.length).toBeLessThanOrEqual(100);
        expect(body.metrics.length + body.params.length + body.tags.length).toBeLessThanOrEqual(1000);
      }
      const stored = server.state.runs.get(run.runId);
      expect(stored?.params.size).toBe(150);
      expect([...(stored?.metrics.values() ?? [])].reduce((n, history) => n + history.length, 0)).toBe(2500);
      expect(stored?.metrics.get('m0')?.map((m) => m.step)).toEqual(Array.from({ length: 500 }, (_, i) => i * 5));
      expect((await client.getRun(run.runId)).data.metrics['m4']).toBeCloseTo(2499 / 7);
    });

    it('the server itself rejects an unsplit batch, so the splitting above is what made it pass', async () => {
      const run = await client.createRun({ experimentId });
      const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: 1, step: i }));
      const answer = await post(server, 'runs/log-batch', { run_id: run.runId, metrics, params: [], tags: [] });
      expect(answer.status).toBe(400);
      expect(answer.json['error_code']).toBe('INVALID_PARAMETER_VALUE');
    });

    it('validates keys and values before sending anything', async () => {
      const run = await client.createRun({ experimentId });
      await expect(client.logBatch(run.runId, { metrics: [{ key: '../x', value: 1 }] })).rejects.toBeInstanceOf(
        InvalidParameterValueError,
      );
      await expect(client.logBatch(run.runId, { params: { ['k'.repeat(251)]: 1 } })).rejects.toBeInstanceOf(
        InvalidParameterValueError,
      );
      await expect(client.logBatch(run.runId, { params: { big: 'x'.repeat(6001) } })).rejects.toBeInstanceOf(
        InvalidParameterValueError,
      );
      await expect(client.logBatch(run.runId, { tags: { '/lead': 'x' } })).rejects.toBeInstanceOf(
        InvalidParameterValueError,
      );
      expect(server.requestsTo('runs/log-batch')).toHaveLength(0);
    });

    it('maps a changed param to InvalidParameterValueError and accepts the same value again', async () => {
      const run = await client.createRun({ experimentId });
      await client.logBatch(run.runId, { params: { k: 8 } });
      await client.logBatch(run.runId, { params: { k: '8' } });
      const error = await client.logBatch(run.runId, { params: { k: 9 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidParameterValueError);
      expect((error as TrackingError).httpStatus).toBe(400);
    });

    it('sends JSON with Content-Type application/json; the server refuses other bodies', async () => {
      await client.createRun({ experimentId });
      expect(server.requestsTo('runs/create')[0]?.contentType).toBe('application/json');
      const answer = await post(server, 'runs/create', { experiment_id: experimentId }, 'text/plain');
      expect(answer).toEqual({ status: 400, json: expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE' }) });
    });

    it('logs dataset inputs with their digest and training context', async () => {
      const run = await client.createRun({ experimentId });
      await client.logInputs(run.runId, [
        {
          name: 'demo-corpus',
          digest: 'sha256:0123456789abcdef',
          sourceType: 'local',
          source: '{"uri": "corpus:demo"}',
        },
      ]);
      expect(server.state.runs.get(run.runId)?.inputs).toEqual([
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'demo-corpus',
            digest: 'sha256:0123456789abcdef',
            source_type: 'local',
            source: '{"uri": "corpus:demo"}',
          },
        },
      ]);
      expect((await client.getRun(run.runId)).inputs[0]).toMatchObject({ name: 'demo-corpus', context: 'training' });
    });

    it('searches with filter and order, following next_page_token', async () => {
      for (const [k, cv] of [
        [5, 0.3],
        [10, 0.5],
        [15, 0.45],
        [20, 0.41],
        [25, 0.2],
      ] as const) {
        const run = await client.createRun({ experimentId, runName: `k${k}` });
        await client.logBatch(run.runId, { params: { k }, metrics: [{ key: 'c_v', value: cv }] });
      }
      const runs = await client.searchRunsPage({
        experimentIds: [experimentId],
        filter: 'metrics.c_v > 0.4',
        orderBy: ['metrics.c_v DESC'],
        maxResults: 2,
      });
      expect(runs.runs.map((r) => r.info.runName)).toEqual(['k10', 'k15']);
      expect(runs.nextPageToken).not.toBeNull();
      const all = await client.searchRuns({
        experimentIds: [experimentId],
        filter: 'metrics.c_v > 0.4',
        orderBy: ['metrics.c_v DESC'],
      });
      expect(all.map((r) => r.info.runName)).toEqual(['k10', 'k15', 'k20']);
      const body = server.requestsTo('runs/search')[0]?.body as Record<string, unknown>;
      expect(body).toMatchObject({
        experiment_ids: [experimentId],
        filter: 'metrics.c_v > 0.4',
        order_by: ['metrics.c_v DESC'],
        max_results: 2,
      });
      const metricHistory = await client.getMetricHistory(all[0]?.info.runId ?? '', 'c_v');
      expect(metricHistory.map((m) => m.value)).toEqual([0.5]);
    });
  });

  describe('errors, retries and timeouts', () => {
    it('maps MLflow error codes to typed errors with their HTTP status', async () => {
      const error = await client.getRun('0'.repeat(32)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceDoesNotExistError);
      expect((error as TrackingError).httpStatus).toBe(404);
      const noRetry = createTrackingClient(server.url, { ...FAST, retries: 0 });
      const cases: Array<[number, string, new (...args: never[]) => TrackingError]> = [
        [503, 'TEMPORARILY_UNAVAILABLE', TemporarilyUnavailableError],
        [429, 'REQUEST_LIMIT_EXCEEDED', RequestLimitExceededError],
        [400, 'RESOURCE_ALREADY_EXISTS', ResourceAlreadyExistsError],
        [400, 'INVALID_PARAMETER_VALUE', InvalidParameterValueError],
      ];
      for (const [status, errorCode, type] of cases) {
        server.failNext({ path: 'experiments/get-by-name', status, errorCode, message: 'boom' });
        const caught = await noRetry.getOrCreateExperiment('x').catch((e: unknown) => e);
        expect(caught).toBeInstanceOf(type);
        expect(caught).toMatchObject({ code: errorCode, httpStatus: status });
      }
      server.failNext({ path: 'experiments/get-by-name', status: 500, errorCode: 'INTERNAL_ERROR' });
      expect(await noRetry.getOrCreateExperiment('x').catch((e: unknown) => e)).toMatchObject({
        code: 'INTERNAL_ERROR',
        httpStatus: 500,
      });
    });

    it('retries 503 and 429 (honouring Retry-After) with backoff, then succeeds', async () => {
      const experimentId = await client.getOrCreateExperiment('retry');
      const run = await client.createRun({ experimentId });
      server.failNext({ path: 'runs/get', status: 503, errorCode: 'TEMPORARILY_UNAVAILABLE', times: 2 });
      await expect(client.getRun(run.runId)).resolves.toMatchObject({ info: { runId: run.runId } });
      expect(server.requestsTo('runs/get').map((r) => r.status)).toEqual([503, 503, 200]);

      server.failNext({
        path: 'runs/log-batch',
        status: 429,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        retryAfterSeconds: 0,
      });
      await client.logBatch(run.runId, { metrics: [{ key: 'm', value: 1 }] });
      expect(server.requestsTo('runs/log-batch').map((r) => r.status)).toEqual([429, 200]);
      expect(server.state.runs.get(run.runId)?.metrics.get('m')).toHaveLength(1);
    });

    it('gives up after the configured retries and does not retry other 4xx', async () => {
      server.failNext({
        path: 'experiments/get-by-name',
        status: 503,
        errorCode: 'TEMPORARILY_UNAVAILABLE',
        times: 10,
      });
      await expect(client.getOrCreateExperiment('down')).rejects.toBeInstanceOf(TemporarilyUnavailableError);
      expect(server.requestsTo('experiments/get-by-name')).toHaveLength(3);

      server.failNext({ path: 'runs/get', status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
      await expect(client.getRun('a'.repeat(32))).rejects.toBeInstanceOf(InvalidParameterValueError);
      expect(server.requestsTo('runs/get')).toHaveLength(1);
    });

    it('aborts slow requests (timeout) and retries them', async () => {
      const quick = createTrackingClient(server.url, { ...FAST, timeoutMs: 150, retries: 1 });
      server.delayNext({ path: 'experiments/get-by-name', ms: 400 });
      await expect(quick.getOrCreateExperiment('slow')).resolves.toMatch(/^\d+$/);
      expect(server.requestsTo('experiments/get-by-name').length).toBeGreaterThanOrEqual(2);

      server.delayNext({ path: 'runs/get', ms: 400, times: 2 });
      const error = await quick.getRun('b'.repeat(32)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrackingNetworkError);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
    });

    it('retries network errors and reports an unreachable server clearly', async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const address = probe.address();
          probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
        });
      });
      const unreachable = createTrackingClient(`http://127.0.0.1:${port}`, FAST);
      const error = await unreachable.getOrCreateExperiment('x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrackingNetworkError);
      expect((error as Error).message).toMatch(/could not be reached .*3 attempts/);
    });
  });

  describe('authentication', () => {
    it('sends MLFLOW_TRACKING_TOKEN as a Bearer token and never logs it', async () => {
      await restart({ auth: { token: 's3cr3t-token' } });
      const logged: unknown[] = [];
      const logger = {
        warn: (obj: object, msg?: string) => logged.push([obj, msg]),
        debug: (obj: object, msg?: string) => logged.push([obj, msg]),
      };
      const authed = createTrackingClient(server.url, { ...FAST, token: 's3cr3t-token', logger });
      server.failNext({ path: 'experiments/get-by-name', status: 503 });
      await authed.getOrCreateExperiment('secure');
      expect(server.requests.every((r) => r.authorization === 'Bearer s3cr3t-token')).toBe(true);
      expect(logged.length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).not.toContain('s3cr3t');

      const anonymous = await createTrackingClient(server.url, FAST)
        .getOrCreateExperiment('secure')
        .catch((e: unknown) => e);
      expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED', httpStatus: 401 });
      expect((anonymous as Error).message).toMatch(/MLFLOW_TRACKING_TOKEN/);
    });

    it('uses basic auth from username/password or from the URI, which is never echoed', async () => {
      await restart({ auth: { username: 'alice', password: 'pa:ss' } });
      await expect(
        createTrackingClient(server.url, { ...FAST, username: 'alice', password: 'pa:ss' }).getOrCreateExperiment('b'),
      ).resolves.toBeDefined();
      const inUri = createTrackingClient(server.url.replace('http://', 'http://alice:pa%3Ass@'), FAST);
      expect(inUri.location).not.toContain('pa');
      await expect(inUri.getOrCreateExperiment('b')).resolves.toBeDefined();
      const wrong = await createTrackingClient(server.url, { ...FAST, username: 'alice', password: 'nope' })
        .getOrCreateExperiment('b')
        .catch((e: unknown) => e);
      expect((wrong as Error).message).not.toContain('nope');
    });
  });

  describe('artifacts through the proxy and the model registry', () => {
    let experimentId: string;
    beforeEach(async () => {
      experimentId = await client.getOrCreateExperiment('models');
    });

    async function modelFolder(runId: string): Promise<string> {
      const dir = join(work, 'model');
      await fs.mkdir(join(dir, 'nlp'), { recursive: true });
      await fs.writeFile(join(dir, 'lambda.f32'), Buffer.from(new Float32Array([0.25, 0.75]).buffer));
      await fs.writeFile(join(dir, 'nlp', 'dictionary.json'), '{"token2id":{"pane":0}}');
      await writeMlModelFile(dir, {
        artifactPath: 'model',
        runId,
        flavor: 'topicops_lda',
        signature: topicModelSignature(2),
      });
      return dir;
    }

    it('uploads with PUT, lists and downloads recursively, and the server rejects ..', async () => {
      const run = await client.createRun({ experimentId });
      const source = await client.logModel(run.runId, await modelFolder(run.runId), 'model');
      expect(source).toBe(`mlflow-artifacts:/${experimentId}/${run.runId}/artifacts/model`);
      const prefix = `${experimentId}/${run.runId}/artifacts/model`;
      expect([...server.state.artifacts.keys()].sort()).toEqual([
        `${prefix}/MLmodel`,
        `${prefix}/lambda.f32`,
        `${prefix}/nlp/dictionary.json`,
      ]);
      expect(server.requestsTo('/lambda.f32', 'PUT')[0]?.path).toBe(
        `/api/2.0/mlflow-artifacts/artifacts/${prefix}/lambda.f32`,
      );
      const history = JSON.parse(
        server.state.runs.get(run.runId)?.tags.get('mlflow.log-model.history') ?? '[]',
      ) as Array<Record<string, unknown>>;
      expect(history[0]).toMatchObject({ artifact_path: 'model', run_id: run.runId });

      const local = await client.downloadArtifacts(run.runId, 'model', join(work, 'out'));
      expect(local).toBe(join(work, 'out', 'model'));
      expect(readFileSync(join(local, 'nlp', 'dictionary.json'), 'utf8')).toBe('{"token2id":{"pane":0}}');
      const single = await client.downloadArtifacts(run.runId, 'model/lambda.f32', join(work, 'single'));
      expect(readFileSync(single)).toEqual(readFileSync(join(work, 'model', 'lambda.f32')));

      for (const path of [`${experimentId}/../secrets`, `${prefix}/%2E%2E/x`, `${prefix}/..%2Fx`]) {
        expect(await rawStatus(server, 'PUT', `/api/2.0/mlflow-artifacts/artifacts/${path}`)).toBe(400);
        expect(await rawStatus(server, 'GET', `/api/2.0/mlflow-artifacts/artifacts/${path}`)).toBe(400);
      }
      expect(
        await rawStatus(server, 'GET', `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent('a/../b')}`),
      ).toBe(400);
      expect([...server.state.artifacts.keys()].some((key) => key.includes('..'))).toBe(false);
      await expect(client.downloadArtifacts(run.runId, 'nothing-here', join(work, 'x'))).rejects.toBeInstanceOf(
        ResourceDoesNotExistError,
      );
    });

    it('registers versions from the run artifact URI, manages aliases and downloads a version', async () => {
      const run = await client.createRun({ experimentId });
      const source = await client.logModel(run.runId, await modelFolder(run.runId), 'model');
      await client.ensureRegisteredModel('topicops-lda');
      await client.ensureRegisteredModel('topicops-lda');
      expect(server.requestsTo('registered-models/create')).toHaveLength(1);
      const v1 = await client.createModelVersion('topicops-lda', source, run.runId);
      const v2 = await client.createModelVersion('topicops-lda', source, run.runId);
      expect([v1.version, v2.version]).toEqual(['1', '2']);
      expect(server.requestsTo('model-versions/create')[0]?.body).toEqual({
        name: 'topicops-lda',
        source,
        run_id: run.runId,
      });

      expect(await client.getAlias('topicops-lda', 'champion')).toBeNull();
      await client.setAlias('topicops-lda', 'champion', v2.version);
      const champion = await client.getAlias('topicops-lda', 'champion');
      expect(champion).toMatchObject({ version: '2', source, aliases: ['champion'] });
      expect((await client.listModelVersions('topicops-lda')).map((v) => v.version)).toEqual(['1', '2']);

      const requestsBefore = server.requests.length;
      for (const reserved of ['latest', 'v2', 'has space']) {
        await expect(client.setAlias('topicops-lda', reserved, 1)).rejects.toBeInstanceOf(InvalidParameterValueError);
      }
      expect(server.requests.length).toBe(requestsBefore);
      const serverSide = await post(server, 'registered-models/alias', {
        name: 'topicops-lda',
        alias: 'latest',
        version: '1',
      });
      expect(serverSide).toEqual({
        status: 400,
        json: expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE' }),
      });

      const folder = await client.downloadModelVersion('topicops-lda', 2, join(work, 'serving'));
      expect(folder).toBe(join(work, 'serving', 'model'));
      expect(readFileSync(join(folder, 'MLmodel'), 'utf8')).toContain('topicops_lda');
      expect(readFileSync(join(folder, 'nlp', 'dictionary.json'), 'utf8')).toContain('pane');

      await client.deleteAlias('topicops-lda', 'champion');
      const deletion = server.requestsTo('registered-models/alias', 'DELETE')[0];
      expect(deletion?.body).toEqual({ name: 'topicops-lda', alias: 'champion' });
      expect(await client.getAlias('topicops-lda', 'champion')).toBeNull();
      expect(await client.getAlias('unknown-model', 'champion')).toBeNull();
      await expect(client.createModelVersion('unknown-model', source, run.runId)).rejects.toBeInstanceOf(
        ResourceDoesNotExistError,
      );
    });
  });
});
