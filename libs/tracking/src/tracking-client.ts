import { promises as fs } from 'node:fs';
import { joinArtifactUri, parseRunsUri } from './artifact-uri';
import { NormalizedDatasetInput, TrackingBackend } from './backend';
import { InvalidParameterValueError, ResourceDoesNotExistError } from './errors';
import { isDirectory } from './fs-utils';
import { MLFLOW_TAGS, currentUser, defaultRunTags, generateRunName } from './mlflow-tags';
import { readMlModelFile } from './mlmodel';
import { SEARCH_MAX_RESULTS_DEFAULT } from './search/run-query';
import {
  CreateRunOptions,
  DatasetInput,
  LogBatchInput,
  MetricPoint,
  ModelVersion,
  Run,
  RunInfo,
  RunStatus,
  RunsPage,
  SearchRunsOptions,
  TrackingClient,
} from './types';
import {
  MLFLOW_LIMITS,
  normaliseVersion,
  validateAlias,
  validateArtifactPath,
  validateExperimentName,
  validateKey,
  validateMetric,
  validateModelName,
  validateParamValue,
  validateRunId,
  validateTagValue,
} from './validation';

const RUN_STATUSES: RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const TERMINAL_STATUSES: RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];
const SEARCH_PAGE_SIZE = 1000;

/**
 * The public client: validates and defaults every input the same way for both backends (so bad input
 * fails before anything is written or sent), then delegates to the backend.
 */
export class ValidatingTrackingClient implements TrackingClient {
  constructor(private readonly backend: TrackingBackend) {}

  get kind(): 'rest' | 'file' {
    return this.backend.kind;
  }

  get location(): string {
    return this.backend.location;
  }

  async getOrCreateExperiment(name: string): Promise<string> {
    validateExperimentName(name);
    return this.backend.getOrCreateExperiment(name);
  }

  async createRun(options: CreateRunOptions): Promise<RunInfo> {
    if (typeof options.experimentId !== 'string' || !options.experimentId)
      throw new InvalidParameterValueError('createRun needs an experimentId');
    const tags = { ...defaultRunTags(), ...validTags(options.tags ?? {}) };
    const tagName = options.tags?.[MLFLOW_TAGS.runName];
    if (options.runName !== undefined && tagName !== undefined && options.runName !== tagName) {
      throw new InvalidParameterValueError(
        `runName '${options.runName}' and tag ${MLFLOW_TAGS.runName} '${tagName}' disagree`,
      );
    }
    const runName = options.runName || tagName || generateRunName();
    tags[MLFLOW_TAGS.runName] = runName;
    validateTagValue(MLFLOW_TAGS.runName, runName);
    if (options.parentRunId !== undefined) {
      validateRunId(options.parentRunId);
      await this.requireRun(options.parentRunId, 'parent run');
      tags[MLFLOW_TAGS.parentRunId] = options.parentRunId;
    }
    const startTime = options.startTime ?? Date.now();
    if (!Number.isSafeInteger(startTime))
      throw new InvalidParameterValueError('startTime must be an integer number of milliseconds');
    return this.backend.createRun({
      experimentId: options.experimentId,
      runName,
      tags,
      startTime,
      userId: currentUser(),
    });
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    validateRunId(runId);
    const now = Date.now();
    const metrics: MetricPoint[] = (batch.metrics ?? []).map((metric) => {
      validateMetric(metric);
      return { key: metric.key, value: metric.value, timestamp: metric.timestamp ?? now, step: metric.step ?? 0 };
    });
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(batch.params ?? {})) {
      validateKey('param', key);
      if (!['string', 'number', 'boolean'].includes(typeof value))
        throw new InvalidParameterValueError(`param '${key}' must be a string, number or boolean`);
      params[key] = String(value);
      validateParamValue(key, params[key] ?? '');
    }
    const tags = validTags(batch.tags ?? {});
    if (metrics.length + Object.keys(params).length + Object.keys(tags).length === 0) return;
    await this.backend.logBatch(runId, { metrics, params, tags });
  }

  async logInputs(runId: string, datasets: DatasetInput[]): Promise<void> {
    validateRunId(runId);
    const normalized: NormalizedDatasetInput[] = datasets.map((dataset) => {
      const name = dataset.name;
      if (typeof name !== 'string' || !name || name.length > MLFLOW_LIMITS.maxDatasetNameLength) {
        throw new InvalidParameterValueError(
          `dataset name must hold 1 to ${MLFLOW_LIMITS.maxDatasetNameLength} characters`,
        );
      }
      if (
        typeof dataset.digest !== 'string' ||
        !dataset.digest ||
        dataset.digest.length > MLFLOW_LIMITS.maxDatasetDigestLength
      ) {
        throw new InvalidParameterValueError(
          `dataset '${name}' digest must hold 1 to ${MLFLOW_LIMITS.maxDatasetDigestLength} characters`,
        );
      }
      if (typeof dataset.sourceType !== 'string' || !dataset.sourceType)
        throw new InvalidParameterValueError(`dataset '${name}' needs a sourceType`);
      if (typeof dataset.source !== 'string')
        throw new InvalidParameterValueError(`dataset '${name}' source must be a string`);
      return { ...dataset, context: dataset.context ?? 'training' };
    });
    if (normalized.length === 0) return;
    await this.backend.logInputs(runId, normalized);
  }

  async updateRun(runId: string, status: RunStatus, endTime?: number): Promise<void> {
    validateRunId(runId);
    if (!RUN_STATUSES.includes(status))
      throw new InvalidParameterValueError(`run status must be one of ${RUN_STATUSES.join(', ')}`);
    if (endTime !== undefined && !Number.isSafeInteger(endTime))
      throw new InvalidParameterValueError('endTime must be an integer number of milliseconds');
    const end = endTime ?? (TERMINAL_STATUSES.includes(status) ? Date.now() : null);
    await this.backend.updateRun(runId, status, end);
  }

  async getRun(runId: string): Promise<Run> {
    validateRunId(runId);
    return this.backend.getRun(runId);
  }

  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    validateRunId(runId);
    validateKey('metric', key);
    return this.backend.getMetricHistory(runId, key);
  }

  async searchRuns(options: SearchRunsOptions): Promise<Run[]> {
    const limit = options.maxResults ?? SEARCH_MAX_RESULTS_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1)
      throw new InvalidParameterValueError('maxResults must be a positive integer');
    const runs: Run[] = [];
    let pageToken = options.pageToken;
    do {
      const page = await this.searchRunsPage({
        ...options,
        pageToken,
        maxResults: Math.min(SEARCH_PAGE_SIZE, limit - runs.length),
      });
      runs.push(...page.runs);
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken && runs.length < limit);
    return runs;
  }

  async searchRunsPage(options: SearchRunsOptions): Promise<RunsPage> {
    if (!Array.isArray(options.experimentIds) || options.experimentIds.length === 0) {
      throw new InvalidParameterValueError('searchRuns needs at least one experiment id');
    }
    return this.backend.searchRunsPage(options);
  }

  async logArtifacts(runId: string, localDir: string, artifactPath = ''): Promise<void> {
    validateRunId(runId);
    const path = validateArtifactPath(artifactPath);
    if (!(await isDirectory(localDir))) throw new InvalidParameterValueError(`'${localDir}' is not a folder`);
    await this.backend.uploadArtifacts(await this.requireRunInfo(runId), localDir, path);
  }

  async downloadArtifacts(runId: string, artifactPath: string, destDir: string): Promise<string> {
    validateRunId(runId);
    const path = validateArtifactPath(artifactPath);
    await fs.mkdir(destDir, { recursive: true });
    return this.backend.downloadArtifacts(await this.requireRunInfo(runId), path, destDir);
  }

  async logModel(runId: string, localModelDir: string, artifactPath: string): Promise<string> {
    validateRunId(runId);
    const path = validateArtifactPath(artifactPath);
    if (!path) throw new InvalidParameterValueError('logModel needs an artifactPath such as "model"');
    const model = await readMlModelFile(localModelDir);
    if (model.run_id !== runId || model.artifact_path !== path) {
      throw new InvalidParameterValueError(
        `MLmodel in '${localModelDir}' was written for run ${model.run_id} at '${model.artifact_path}', not run ${runId} at '${path}'`,
      );
    }
    const run = await this.requireRunInfo(runId);
    await this.backend.uploadArtifacts(run, localModelDir, path);
    await this.backend.recordLoggedModel(runId, model);
    return joinArtifactUri(run.artifactUri, path);
  }

  async ensureRegisteredModel(name: string): Promise<void> {
    validateModelName(name);
    return this.backend.ensureRegisteredModel(name);
  }

  async createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion> {
    validateModelName(name);
    validateRunId(runId);
    if (typeof source !== 'string' || !source)
      throw new InvalidParameterValueError('createModelVersion needs the source URI of the model folder');
    return this.backend.createModelVersion(name, source, runId);
  }

  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    validateModelName(name);
    return this.backend.getModelVersion(name, normaliseVersion(version));
  }

  async listModelVersions(name: string): Promise<ModelVersion[]> {
    validateModelName(name);
    return this.backend.listModelVersions(name);
  }

  async setAlias(name: string, alias: string, version: string | number): Promise<void> {
    validateModelName(name);
    validateAlias(alias);
    return this.backend.setAlias(name, alias, normaliseVersion(version));
  }

  async getAlias(name: string, alias: string): Promise<ModelVersion | null> {
    validateModelName(name);
    validateAlias(alias);
    return this.backend.getAlias(name, alias);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    validateModelName(name);
    validateAlias(alias);
    return this.backend.deleteAlias(name, alias);
  }

  async downloadModelVersion(name: string, version: string | number, destDir: string): Promise<string> {
    validateModelName(name);
    const uri = await this.backend.modelVersionDownloadUri(name, normaliseVersion(version));
    await fs.mkdir(destDir, { recursive: true });
    const runsUri = parseRunsUri(uri);
    if (runsUri) {
      const run = await this.requireRunInfo(runsUri.runId);
      return this.backend.downloadArtifactUri(joinArtifactUri(run.artifactUri, runsUri.path), destDir);
    }
    return this.backend.downloadArtifactUri(uri, destDir);
  }

  private async requireRunInfo(runId: string): Promise<RunInfo> {
    return (await this.requireRun(runId, 'run')).info;
  }

  private async requireRun(runId: string, label: string): Promise<Run> {
    try {
      return await this.backend.getRun(runId);
    } catch (error) {
      if (error instanceof ResourceDoesNotExistError)
        throw new ResourceDoesNotExistError(`${label} '${runId}' does not exist`);
      throw error;
    }
  }
}

function validTags(tags: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    validateKey('tag', key);
    validateTagValue(key, value);
  }
  return { ...tags };
}
