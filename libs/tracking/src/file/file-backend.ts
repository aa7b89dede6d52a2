import { join, resolve } from 'node:path';
import { artifactBaseName, fileUriToPath, isFileUri } from '../artifact-uri';
import { NewRun, NormalizedBatch, NormalizedDatasetInput, TrackingBackend } from '../backend';
import { InvalidParameterValueError, ResourceDoesNotExistError, TrackingError } from '../errors';
import { forEachLimited } from '../concurrency';
import { copyTree, listDirNames, listFilesRecursive, pathExists } from '../fs-utils';
import { MlModelDocument } from '../mlmodel';
import { queryRuns } from '../search/run-query';
import { MetricPoint, ModelVersion, Run, RunInfo, RunStatus, RunsPage, SearchRunsOptions } from '../types';
import { ExperimentStore } from './experiment-store';
import { FileStoreLayout, META_FILE, RESERVED_EXPERIMENT_FOLDERS } from './layout';
import { RegistryStore } from './registry-store';
import { RunLocation, RunLocator } from './run-locator';
import { PARALLEL_READS, RunReader } from './run-reader';
import { RunWriter } from './run-writer';

/** MLflow's file store ("mlruns"), readable by `mlflow ui --backend-store-uri <root>`. */
export class FileBackend implements TrackingBackend {
  readonly kind = 'file' as const;
  readonly location: string;
  private readonly layout: FileStoreLayout;
  private readonly experiments: ExperimentStore;
  private readonly runs: RunLocator;
  private readonly reader: RunReader;
  private readonly writer: RunWriter;
  private readonly registry: RegistryStore;

  constructor(rootDir: string) {
    this.location = resolve(rootDir);
    this.layout = new FileStoreLayout(this.location);
    this.experiments = new ExperimentStore(this.layout);
    this.runs = new RunLocator(this.layout, this.experiments);
    this.reader = new RunReader(this.experiments);
    this.writer = new RunWriter(this.experiments, this.runs);
    this.registry = new RegistryStore(this.layout);
  }

  getOrCreateExperiment(name: string): Promise<string> {
    return this.experiments.getOrCreate(name);
  }

  createRun(run: NewRun): Promise<RunInfo> {
    return this.writer.create(run);
  }

  logBatch(runId: string, batch: NormalizedBatch): Promise<void> {
    return this.writer.logBatch(runId, batch);
  }

  logInputs(runId: string, datasets: NormalizedDatasetInput[]): Promise<void> {
    return this.writer.logInputs(runId, datasets);
  }

  updateRun(runId: string, status: RunStatus, endTime: number | null): Promise<void> {
    return this.writer.update(runId, status, endTime);
  }

  async getRun(runId: string): Promise<Run> {
    const location = await this.runs.locate(runId);
    return this.reader.read(location, await this.runs.readInfo(location));
  }

  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    return this.reader.metricHistory(await this.runs.locate(runId), key);
  }

  async searchRunsPage(options: SearchRunsOptions): Promise<RunsPage> {
    await this.experiments.ensureStore();
    const view = options.runViewType ?? 'ACTIVE_ONLY';
    const locations: RunLocation[] = [];
    for (const experimentId of options.experimentIds) {
      const experiment = await this.experiments.read(experimentId);
      if (!experiment) throw new ResourceDoesNotExistError(`Could not find experiment with ID ${experimentId}`);
      for (const folder of await listDirNames(experiment.dir)) {
        if (RESERVED_EXPERIMENT_FOLDERS.has(folder) || folder.startsWith('.')) continue;
        locations.push({ runId: folder, experimentId: experiment.id, dir: join(experiment.dir, folder) });
      }
    }
    const runs: Run[] = [];
    await forEachLimited(locations, PARALLEL_READS, async (location) => {
      if (!(await pathExists(join(location.dir, META_FILE)))) return; // not a run, or one being created
      const info = await this.runs.readInfo(location);
      if (view === 'ACTIVE_ONLY' && info.lifecycleStage !== 'active') return;
      if (view === 'DELETED_ONLY' && info.lifecycleStage !== 'deleted') return;
      runs.push(await this.reader.read(location, info));
    });
    return queryRuns(runs, options);
  }

  async uploadArtifacts(run: RunInfo, localDir: string, artifactPath: string): Promise<void> {
    if ((await listFilesRecursive(localDir)).length === 0)
      throw new InvalidParameterValueError(`'${localDir}' holds no files to upload`);
    const root = localArtifactRoot(run.artifactUri);
    await copyTree(localDir, artifactPath ? join(root, ...artifactPath.split('/')) : root);
  }

  async downloadArtifacts(run: RunInfo, artifactPath: string, destDir: string): Promise<string> {
    const root = localArtifactRoot(run.artifactUri);
    const source = artifactPath ? join(root, ...artifactPath.split('/')) : root;
    if (!(await pathExists(source)))
      throw new ResourceDoesNotExistError(`artifact '${artifactPath}' does not exist in run ${run.runId}`);
    const target = artifactPath ? join(destDir, ...artifactPath.split('/')) : destDir;
    await copyTree(source, target);
    return target;
  }

  recordLoggedModel(runId: string, model: MlModelDocument): Promise<void> {
    return this.writer.recordLoggedModel(runId, model);
  }

  ensureRegisteredModel(name: string): Promise<void> {
    return this.registry.ensureRegisteredModel(name);
  }

  async createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion> {
    await this.runs.locate(runId);
    return this.registry.createModelVersion(name, source, runId);
  }

  getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return this.registry.getModelVersion(name, version);
  }

  listModelVersions(name: string): Promise<ModelVersion[]> {
    return this.registry.listModelVersions(name);
  }

  setAlias(name: string, alias: string, version: string): Promise<void> {
    return this.registry.setAlias(name, alias, version);
  }

  getAlias(name: string, alias: string): Promise<ModelVersion | null> {
    return this.registry.getAlias(name, alias);
  }

  deleteAlias(name: string, alias: string): Promise<void> {
    return this.registry.deleteAlias(name, alias);
  }

  modelVersionDownloadUri(name: string, version: string): Promise<string> {
    return this.registry.downloadUri(name, version);
  }

  async downloadArtifactUri(uri: string, destDir: string): Promise<string> {
    const source = isFileUri(uri) ? fileUriToPath(uri) : uri.startsWith('/') ? uri : null;
    if (source === null) {
      throw new TrackingError(
        `artifact URI '${uri}' cannot be read from a file store (only file: URIs and absolute paths)`,
        'UNSUPPORTED_ARTIFACT_URI',
      );
    }
    if (!(await pathExists(source))) throw new ResourceDoesNotExistError(`artifact '${uri}' does not exist`);
    const target = join(destDir, artifactBaseName(uri));
    await copyTree(source, target);
    return target;
  }
}

function localArtifactRoot(artifactUri: string): string {
  if (!isFileUri(artifactUri)) {
    throw new TrackingError(
      `run artifact URI '${artifactUri}' is not a local file URI; the file store only handles file: artifacts`,
      'UNSUPPORTED_ARTIFACT_URI',
    );
  }
  return fileUriToPath(artifactUri);
}
