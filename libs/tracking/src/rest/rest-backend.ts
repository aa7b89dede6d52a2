import { join } from 'node:path';
import { artifactBaseName, fileUriToPath, isFileUri, mlflowArtifactsPath } from '../artifact-uri';
import { NewRun, NormalizedBatch, NormalizedDatasetInput, TrackingBackend } from '../backend';
import {
  InvalidParameterValueError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  TrackingError,
} from '../errors';
import { copyTree, pathExists } from '../fs-utils';
import { MlModelDocument } from '../mlmodel';
import {
  MetricPoint,
  ModelVersion,
  Run,
  RunInfo,
  RunStatus,
  RunsPage,
  SearchRunsOptions,
  TrackingLogger,
} from '../types';
import { ArtifactProxy, joinServer } from './artifact-proxy';
import { HttpTransport } from './http-transport';
import { splitLogBatch } from './log-batch-splitter';
import { datasetInputToWire, metricPointFromWire, modelVersionFromWire, runFromWire, runInfoFromWire } from './mappers';
import { toWireKeyValues, toWireMetric } from './wire';

type Json = Record<string, unknown>;

const HISTORY_PAGE_SIZE = 25000;
const VERSIONS_PAGE_SIZE = 200;

/** An MLflow tracking server (2.x/3.x) over its REST API. */
export class RestBackend implements TrackingBackend {
  readonly kind = 'rest' as const;
  private readonly artifacts: ArtifactProxy;

  constructor(
    private readonly http: HttpTransport,
    readonly location: string,
    private readonly logger?: TrackingLogger,
  ) {
    this.artifacts = new ArtifactProxy(http);
  }

  /** get → 404 → create → RESOURCE_ALREADY_EXISTS (someone else won the race) → get again. */
  async getOrCreateExperiment(name: string): Promise<string> {
    const existing = await this.experimentIdByName(name);
    if (existing) return existing;
    try {
      const created = await this.http.api<Json>('POST', 'experiments/create', { name });
      return String(created['experiment_id']);
    } catch (error) {
      if (!(error instanceof ResourceAlreadyExistsError)) throw error;
      const winner = await this.experimentIdByName(name);
      if (winner) return winner;
      throw error;
    }
  }

  private async experimentIdByName(name: string): Promise<string | null> {
    try {
      const answer = await this.http.api<Json>('GET', 'experiments/get-by-name', { experiment_name: name });
      const experiment = (answer['experiment'] ?? {}) as Json;
      if (experiment['lifecycle_stage'] === 'deleted') {
        throw new ResourceAlreadyExistsError(
          `experiment '${name}' exists in deleted state; restore it in MLflow or choose another name`,
        );
      }
      return String(experiment['experiment_id']);
    } catch (error) {
      if (error instanceof ResourceDoesNotExistError) return null;
      throw error;
    }
  }

  async createRun(run: NewRun): Promise<RunInfo> {
    const answer = await this.http.api<Json>('POST', 'runs/create', {
      experiment_id: run.experimentId,
      user_id: run.userId,
      run_name: run.runName,
      start_time: run.startTime,
      tags: toWireKeyValues(run.tags),
    });
    return runInfoFromWire(((answer['run'] ?? {}) as Json)['info']);
  }

  async logBatch(runId: string, batch: NormalizedBatch): Promise<void> {
    const requests = splitLogBatch(runId, {
      metrics: batch.metrics.map(toWireMetric),
      params: toWireKeyValues(batch.params),
      tags: toWireKeyValues(batch.tags),
    });
    for (const body of requests) await this.http.api('POST', 'runs/log-batch', { ...body });
  }

  async logInputs(runId: string, datasets: NormalizedDatasetInput[]): Promise<void> {
    await this.http.api('POST', 'runs/log-inputs', { run_id: runId, datasets: datasets.map(datasetInputToWire) });
  }

  async updateRun(runId: string, status: RunStatus, endTime: number | null): Promise<void> {
    const body: Json = { run_id: runId, status };
    if (endTime !== null) body['end_time'] = endTime;
    await this.http.api('POST', 'runs/update', body);
  }

  async getRun(runId: string): Promise<Run> {
    const answer = await this.http.api<Json>('GET', 'runs/get', { run_id: runId });
    return runFromWire(answer['run']);
  }

  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    const points: MetricPoint[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.http.api<Json>('GET', 'metrics/get-history', {
        run_id: runId,
        metric_key: key,
        max_results: HISTORY_PAGE_SIZE,
        page_token: pageToken,
      });
      points.push(...(Array.isArray(answer['metrics']) ? answer['metrics'] : []).map(metricPointFromWire));
      pageToken =
        typeof answer['next_page_token'] === 'string' && answer['next_page_token']
          ? answer['next_page_token']
          : undefined;
    } while (pageToken);
    return points;
  }

  async searchRunsPage(options: SearchRunsOptions): Promise<RunsPage> {
    const body: Json = {
      experiment_ids: options.experimentIds,
      run_view_type: options.runViewType ?? 'ACTIVE_ONLY',
      max_results: options.maxResults ?? 1000,
    };
    if (options.filter) body['filter'] = options.filter;
    if (options.orderBy?.length) body['order_by'] = options.orderBy;
    if (options.pageToken) body['page_token'] = options.pageToken;
    const answer = await this.http.api<Json>('POST', 'runs/search', body);
    const token = answer['next_page_token'];
    return {
      runs: (Array.isArray(answer['runs']) ? answer['runs'] : []).map(runFromWire),
      nextPageToken: typeof token === 'string' && token ? token : null,
    };
  }

  async uploadArtifacts(run: RunInfo, localDir: string, artifactPath: string): Promise<void> {
    await this.artifacts.uploadTree(localDir, joinServer(proxyPath(run.artifactUri), artifactPath));
  }

  async downloadArtifacts(run: RunInfo, artifactPath: string, destDir: string): Promise<string> {
    const target = artifactPath ? join(destDir, ...artifactPath.split('/')) : destDir;
    await this.artifacts.download(joinServer(proxyPath(run.artifactUri), artifactPath), target, artifactPath === '');
    return target;
  }

  /** MLflow 2.x lists logged models from this call; servers without the endpoint are fine. */
  async recordLoggedModel(runId: string, model: MlModelDocument): Promise<void> {
    try {
      await this.http.api('POST', 'runs/log-model', { run_id: runId, model_json: JSON.stringify(model) });
    } catch (error) {
      if (!(error instanceof TrackingError) || error.code !== 'ENDPOINT_NOT_FOUND') throw error;
      this.logger?.debug({ runId }, 'MLflow server has no runs/log-model endpoint; model recorded as artifacts only');
    }
  }

  async ensureRegisteredModel(name: string): Promise<void> {
    try {
      await this.http.api('GET', 'registered-models/get', { name });
      return;
    } catch (error) {
      if (!(error instanceof ResourceDoesNotExistError)) throw error;
    }
    try {
      await this.http.api('POST', 'registered-models/create', { name });
    } catch (error) {
      if (!(error instanceof ResourceAlreadyExistsError)) throw error;
    }
  }

  async createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion> {
    const answer = await this.http.api<Json>('POST', 'model-versions/create', { name, source, run_id: runId });
    return modelVersionFromWire(answer['model_version']);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const answer = await this.http.api<Json>('GET', 'model-versions/get', { name, version });
    return modelVersionFromWire(answer['model_version']);
  }

  async listModelVersions(name: string): Promise<ModelVersion[]> {
    const versions: ModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.http.api<Json>('GET', 'model-versions/search', {
        filter: `name=${quoteFilterString(name)}`,
        max_results: VERSIONS_PAGE_SIZE,
        page_token: pageToken,
      });
      versions.push(
        ...(Array.isArray(answer['model_versions']) ? answer['model_versions'] : []).map(modelVersionFromWire),
      );
      pageToken =
        typeof answer['next_page_token'] === 'string' && answer['next_page_token']
          ? answer['next_page_token']
          : undefined;
    } while (pageToken);
    return versions.filter((version) => version.name === name).sort((a, b) => Number(a.version) - Number(b.version));
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.api('POST', 'registered-models/alias', { name, alias, version });
  }

  async getAlias(name: string, alias: string): Promise<ModelVersion | null> {
    try {
      const answer = await this.http.api<Json>('GET', 'registered-models/alias', { name, alias });
      return modelVersionFromWire(answer['model_version']);
    } catch (error) {
      if (error instanceof ResourceDoesNotExistError) return null;
      // MLflow's stores answer a missing alias with INVALID_PARAMETER_VALUE "... alias X not found".
      if (error instanceof InvalidParameterValueError && /not found/i.test(error.message)) return null;
      throw error;
    }
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.api('DELETE', 'registered-models/alias', { name, alias });
  }

  async modelVersionDownloadUri(name: string, version: string): Promise<string> {
    try {
      const answer = await this.http.api<Json>('GET', 'model-versions/get-download-uri', { name, version });
      if (typeof answer['artifact_uri'] === 'string' && answer['artifact_uri']) return answer['artifact_uri'];
    } catch (error) {
      if (!(error instanceof TrackingError) || error.code !== 'ENDPOINT_NOT_FOUND') throw error;
    }
    return (await this.getModelVersion(name, version)).source;
  }

  async downloadArtifactUri(uri: string, destDir: string): Promise<string> {
    const target = join(destDir, artifactBaseName(uri));
    if (uri.startsWith('mlflow-artifacts:')) {
      await this.artifacts.download(mlflowArtifactsPath(uri), target);
      return target;
    }
    // A server with a local artifact root shares it only when both run on one machine (or mount it).
    if (isFileUri(uri) && (await pathExists(fileUriToPath(uri)))) {
      await copyTree(fileUriToPath(uri), target);
      return target;
    }
    throw unsupportedArtifactUri(uri);
  }
}

function proxyPath(artifactUri: string): string {
  if (!artifactUri.startsWith('mlflow-artifacts:')) throw unsupportedArtifactUri(artifactUri);
  return mlflowArtifactsPath(artifactUri);
}

function unsupportedArtifactUri(uri: string): TrackingError {
  const scheme = uri.split(':')[0] ?? uri;
  return new TrackingError(
    `artifact URI '${uri}' (${scheme}:) is not served by the tracking server; start it with --serve-artifacts (mlflow-artifacts:/ URIs)`,
    'UNSUPPORTED_ARTIFACT_URI',
  );
}

function quoteFilterString(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
