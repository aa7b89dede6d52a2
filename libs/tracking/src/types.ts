export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type LifecycleStage = 'active' | 'deleted';
export type RunViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export type ParamValue = string | number | boolean;

/** A metric value to log; `timestamp` (ms) defaults to now and `step` to 0. */
export interface Metric {
  key: string;
  value: number;
  timestamp?: number;
  step?: number;
}

/** A metric value as stored. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface LogBatchInput {
  metrics?: Metric[];
  params?: Record<string, ParamValue>;
  tags?: Record<string, string>;
}

/** A dataset used by a run, e.g. a corpus version: `digest` identifies its content (≤ 36 chars). */
export interface DatasetInput {
  name: string;
  digest: string;
  /** MLflow's dataset source type, e.g. 'local', 'http', 'code'. */
  sourceType: string;
  /** JSON text describing where the data came from, e.g. '{"uri": "mysql://db/topicops#corpus=demo"}'. */
  source: string;
  schema?: string;
  profile?: string;
  /** Stored as the `mlflow.data.context` input tag; default 'training'. */
  context?: string;
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface RunData {
  /** The latest value of each metric (highest step, then timestamp), as MLflow reports it. */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: DatasetInput[];
}

export interface CreateRunOptions {
  experimentId: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Makes this a child run (tag mlflow.parentRunId); the parent must exist. */
  parentRunId?: string;
  startTime?: number;
}

export interface SearchRunsOptions {
  experimentIds: string[];
  /** MLflow filter syntax, clauses joined by AND: "metrics.c_v > 0.4 and params.k = '20'". */
  filter?: string;
  /** e.g. ['metrics.c_v DESC', 'attributes.start_time ASC']. */
  orderBy?: string[];
  /** searchRuns: total cap (default 1000); searchRunsPage: page size (default 1000). */
  maxResults?: number;
  pageToken?: string;
  runViewType?: RunViewType;
}

export interface RunsPage {
  runs: Run[];
  nextPageToken: string | null;
}

export interface ModelVersion {
  name: string;
  version: string;
  /** Artifact URI of the model folder. */
  source: string;
  runId: string | null;
  status: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string | null;
  aliases: string[];
  tags: Record<string, string>;
}

/** Any pino-compatible logger; only structured, secret-free objects are passed to it. */
export interface TrackingLogger {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface TrackingClientOptions {
  /** Sent as `Authorization: Bearer <token>` (MLFLOW_TRACKING_TOKEN). */
  token?: string;
  /** Basic auth (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD), used when no token is given. */
  username?: string;
  password?: string;
  /** Per-request timeout in ms (default 30000); for downloads, the longest silence between chunks. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/502/503/504, timeouts and network errors (default 5). */
  retries?: number;
  /** First backoff delay in ms (default 300); doubles per attempt, full jitter, capped by maxBackoffMs. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  logger?: TrackingLogger;
}

export interface TrackingClient {
  readonly kind: 'rest' | 'file';
  /** The backend location with any credentials removed: safe to log. */
  readonly location: string;

  /** The id of the experiment with this name, created if missing (safe when several processes race). */
  getOrCreateExperiment(name: string): Promise<string>;
  createRun(options: CreateRunOptions): Promise<RunInfo>;
  /** Validates every key and value first, then sends as many requests as MLflow's batch limits need. */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  logInputs(runId: string, datasets: DatasetInput[]): Promise<void>;
  /** endTime defaults to now for FINISHED, FAILED and KILLED. */
  updateRun(runId: string, status: RunStatus, endTime?: number): Promise<void>;
  getRun(runId: string): Promise<Run>;
  getMetricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  /** Every matching run up to maxResults (default 1000), following pages. */
  searchRuns(options: SearchRunsOptions): Promise<Run[]>;
  searchRunsPage(options: SearchRunsOptions): Promise<RunsPage>;

  /** Uploads the files of a local folder under the run's artifacts (at artifactPath, default the root). */
  logArtifacts(runId: string, localDir: string, artifactPath?: string): Promise<void>;
  /** Downloads a run's artifact file or folder into destDir; returns the local path (destDir/artifactPath). */
  downloadArtifacts(runId: string, artifactPath: string, destDir: string): Promise<string>;
  /**
   * Uploads a model folder (which must hold an MLmodel file, see writeMlModelFile) to artifactPath and
   * records it as a logged model of the run. Returns the folder's artifact URI: the `source` for
   * createModelVersion.
   */
  logModel(runId: string, localModelDir: string, artifactPath: string): Promise<string>;

  /** Creates the registered model unless it exists. */
  ensureRegisteredModel(name: string): Promise<void>;
  createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion>;
  getModelVersion(name: string, version: string | number): Promise<ModelVersion>;
  /** Every live version, oldest first. */
  listModelVersions(name: string): Promise<ModelVersion[]>;
  setAlias(name: string, alias: string, version: string | number): Promise<void>;
  /** The version the alias points at; null when the alias or the registered model does not exist. */
  getAlias(name: string, alias: string): Promise<ModelVersion | null>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /** Fetches the version's model folder into destDir; returns the local folder (destDir/<folder name>). */
  downloadModelVersion(name: string, version: string | number, destDir: string): Promise<string>;
}
