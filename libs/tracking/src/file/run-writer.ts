import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { joinArtifactUri } from '../artifact-uri';
import { forEachLimited } from '../concurrency';
import { NewRun, NormalizedBatch, NormalizedDatasetInput } from '../backend';
import { InvalidParameterValueError, ResourceDoesNotExistError } from '../errors';
import { createFileExclusive, isErrno, pathExists, readTextIfExists, writeFileAtomic } from '../fs-utils';
import { MLFLOW_TAGS } from '../mlflow-tags';
import { MlModelDocument } from '../mlmodel';
import { pythonFloatRepr } from '../python-format';
import { MetricPoint, RunInfo, RunStatus } from '../types';
import { ExperimentStore } from './experiment-store';
import { META_FILE, RUN_STATUS_CODES } from './layout';
import { RunLocation, RunLocator, runInfoFromMeta } from './run-locator';
import { writeYamlFile } from './yaml-files';

const PARALLEL_WRITES = 16;

/** Writes runs in MLflow's file-store layout (meta.yaml, params/, metrics/, tags/, inputs/, artifacts/). */
export class RunWriter {
  constructor(
    private readonly experiments: ExperimentStore,
    private readonly runs: RunLocator,
  ) {}

  async create(run: NewRun): Promise<RunInfo> {
    await this.experiments.ensureStore();
    const experiment = await this.experiments.read(run.experimentId);
    if (!experiment)
      throw new ResourceDoesNotExistError(
        `Could not create run under experiment with ID ${run.experimentId} - no such experiment exists.`,
      );
    if (experiment.lifecycleStage !== 'active') {
      throw new InvalidParameterValueError(
        `Could not create run under non-active experiment with ID ${run.experimentId}.`,
      );
    }
    const { runId, dir } = await this.newRunFolder(experiment.dir);
    const location: RunLocation = { runId, experimentId: experiment.id, dir };
    const meta = {
      artifact_uri: joinArtifactUri(experiment.artifactLocation, `${runId}/artifacts`),
      deleted_time: null,
      end_time: null,
      entry_point_name: '',
      experiment_id: experiment.id,
      lifecycle_stage: 'active',
      run_id: runId,
      run_name: run.runName,
      run_uuid: runId,
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: run.startTime,
      status: RUN_STATUS_CODES.RUNNING,
      tags: [],
      user_id: run.userId,
    };
    await this.runs.writeMeta(location, meta);
    await Promise.all(
      ['metrics', 'params', 'artifacts'].map((folder) => fs.mkdir(join(dir, folder), { recursive: true })),
    );
    await forEachLimited(Object.entries(run.tags), PARALLEL_WRITES, ([key, value]) =>
      this.writeTag(location, key, value),
    );
    this.runs.remember(location);
    return runInfoFromMeta(meta, location);
  }

  private async newRunFolder(experimentDir: string): Promise<{ runId: string; dir: string }> {
    for (;;) {
      const runId = randomBytes(16).toString('hex');
      const dir = join(experimentDir, runId);
      try {
        await fs.mkdir(dir);
        return { runId, dir };
      } catch (error) {
        if (!isErrno(error, 'EEXIST')) throw error;
      }
    }
  }

  /** Params first (all checked before any is written), then metrics (appended), then tags (overwritten). */
  async logBatch(runId: string, batch: NormalizedBatch): Promise<void> {
    const { location, meta } = await this.runs.requireActive(runId);
    const paramsToWrite: Array<[string, string]> = [];
    await forEachLimited(Object.entries(batch.params), PARALLEL_WRITES, async ([key, value]) => {
      const current = await readTextIfExists(this.entryPath(location, 'params', key));
      if (current === null) paramsToWrite.push([key, value]);
      else if (current !== value) throw paramChangeError(key, current, value, runId);
    });
    await forEachLimited(paramsToWrite, PARALLEL_WRITES, ([key, value]) => this.writeParam(location, key, value));
    await this.appendMetrics(location, batch.metrics);
    await forEachLimited(Object.entries(batch.tags), PARALLEL_WRITES, ([key, value]) =>
      this.writeTag(location, key, value),
    );
    // MLflow keeps meta.yaml's run_name in step with the mlflow.runName tag.
    const runName = batch.tags[MLFLOW_TAGS.runName];
    if (runName !== undefined) await this.runs.writeMeta(location, { ...meta, run_name: runName });
  }

  private async writeParam(location: RunLocation, key: string, value: string): Promise<void> {
    const path = this.entryPath(location, 'params', key);
    await fs.mkdir(dirname(path), { recursive: true });
    if (await createFileExclusive(path, value, location.dir)) return;
    const current = await readTextIfExists(path);
    if (current !== value) throw paramChangeError(key, current ?? '', value, location.runId);
  }

  private async writeTag(location: RunLocation, key: string, value: string): Promise<void> {
    const path = this.entryPath(location, 'tags', key);
    await fs.mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, value, location.dir);
  }

  private async appendMetrics(location: RunLocation, metrics: MetricPoint[]): Promise<void> {
    const linesByKey = new Map<string, string[]>();
    for (const metric of metrics) {
      const lines = linesByKey.get(metric.key) ?? [];
      lines.push(`${metric.timestamp} ${pythonFloatRepr(metric.value)} ${metric.step}\n`);
      linesByKey.set(metric.key, lines);
    }
    await forEachLimited([...linesByKey], PARALLEL_WRITES, async ([key, lines]) => {
      const path = this.entryPath(location, 'metrics', key);
      await fs.mkdir(dirname(path), { recursive: true });
      await fs.appendFile(path, lines.join(''));
    });
  }

  async update(runId: string, status: RunStatus, endTime: number | null): Promise<void> {
    const { location, meta } = await this.runs.requireActive(runId);
    await this.runs.writeMeta(location, {
      ...meta,
      status: RUN_STATUS_CODES[status],
      end_time: endTime ?? meta['end_time'] ?? null,
    });
  }

  /** datasets/<md5(name+digest)>/meta.yaml in the experiment, inputs/<md5(dataset id+run id)>/meta.yaml in the run. */
  async logInputs(runId: string, datasets: NormalizedDatasetInput[]): Promise<void> {
    const { location } = await this.runs.requireActive(runId);
    const experiment = await this.experiments.read(location.experimentId);
    if (!experiment) throw new ResourceDoesNotExistError(`Experiment ${location.experimentId} does not exist.`);
    for (const dataset of datasets) {
      const datasetId = md5(dataset.name, dataset.digest);
      const datasetDir = join(experiment.dir, 'datasets', datasetId);
      if (!(await pathExists(join(datasetDir, META_FILE)))) {
        await fs.mkdir(datasetDir, { recursive: true });
        await writeYamlFile(join(datasetDir, META_FILE), {
          digest: dataset.digest,
          name: dataset.name,
          profile: dataset.profile ?? null,
          schema: dataset.schema ?? null,
          source: dataset.source,
          source_type: dataset.sourceType,
        });
      }
      const inputDir = join(location.dir, 'inputs', md5(datasetId, runId));
      if (await pathExists(join(inputDir, META_FILE))) continue;
      await fs.mkdir(inputDir, { recursive: true });
      await writeYamlFile(join(inputDir, META_FILE), {
        destination_id: runId,
        destination_type: 'RUN',
        source_id: datasetId,
        source_type: 'DATASET',
        tags: { [MLFLOW_TAGS.datasetContext]: dataset.context },
      });
    }
  }

  /** What MLflow 2.x's record_logged_model does: append the MLmodel dict to the mlflow.log-model.history tag. */
  async recordLoggedModel(runId: string, model: MlModelDocument): Promise<void> {
    const { location } = await this.runs.requireActive(runId);
    const path = this.entryPath(location, 'tags', MLFLOW_TAGS.loggedModels);
    const existing = await readTextIfExists(path);
    let history: unknown[] = [];
    if (existing) {
      try {
        const parsed: unknown = JSON.parse(existing);
        if (Array.isArray(parsed)) history = parsed;
      } catch {
        history = [];
      }
    }
    await this.writeTag(location, MLFLOW_TAGS.loggedModels, JSON.stringify([...history, model]));
  }

  private entryPath(location: RunLocation, folder: 'params' | 'tags' | 'metrics', key: string): string {
    return join(location.dir, folder, ...key.split('/'));
  }
}

function md5(first: string, second: string): string {
  return createHash('md5').update(first, 'utf8').update(second, 'utf8').digest('hex');
}

function paramChangeError(key: string, current: string, value: string, runId: string): InvalidParameterValueError {
  return new InvalidParameterValueError(
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${current}' for run ID='${runId}'. Attempted logging new value '${value}'.`,
  );
}
