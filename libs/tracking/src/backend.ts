import { MlModelDocument } from './mlmodel';
import { DatasetInput, MetricPoint, ModelVersion, Run, RunInfo, RunStatus, RunsPage, SearchRunsOptions } from './types';

/** A run as the facade hands it to a backend: every field validated and defaulted. */
export interface NewRun {
  experimentId: string;
  runName: string;
  tags: Record<string, string>;
  startTime: number;
  userId: string;
}

export interface NormalizedBatch {
  metrics: MetricPoint[];
  params: Record<string, string>;
  tags: Record<string, string>;
}

export type NormalizedDatasetInput = DatasetInput & { context: string };

/**
 * What each storage (MLflow REST server, MLflow file store) implements. Inputs are already validated
 * by the facade (TrackingClient), so backends only deal with storage and MLflow's semantics.
 */
export interface TrackingBackend {
  readonly kind: 'rest' | 'file';
  readonly location: string;
  getOrCreateExperiment(name: string): Promise<string>;
  createRun(run: NewRun): Promise<RunInfo>;
  logBatch(runId: string, batch: NormalizedBatch): Promise<void>;
  logInputs(runId: string, datasets: NormalizedDatasetInput[]): Promise<void>;
  /** endTime null keeps the stored end time. */
  updateRun(runId: string, status: RunStatus, endTime: number | null): Promise<void>;
  getRun(runId: string): Promise<Run>;
  getMetricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  searchRunsPage(options: SearchRunsOptions): Promise<RunsPage>;
  uploadArtifacts(run: RunInfo, localDir: string, artifactPath: string): Promise<void>;
  /** Returns the local path of the downloaded file or folder. */
  downloadArtifacts(run: RunInfo, artifactPath: string, destDir: string): Promise<string>;
  recordLoggedModel(runId: string, model: MlModelDocument): Promise<void>;
  ensureRegisteredModel(name: string): Promise<void>;
  createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  listModelVersions(name: string): Promise<ModelVersion[]>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  getAlias(name: string, alias: string): Promise<ModelVersion | null>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /** The URI the version's files are downloaded from. */
  modelVersionDownloadUri(name: string, version: string): Promise<string>;
  /** Fetches the folder at an artifact URI into destDir/<folder name>; returns that path. */
  downloadArtifactUri(uri: string, destDir: string): Promise<string>;
}
