// Public API of @topicops/tracking: MLflow tracking and model registry: REST client and file store
export { createTrackingClient, DEFAULT_TRACKING_URI } from './create-client';
export type {
  CreateRunOptions,
  DatasetInput,
  LifecycleStage,
  LogBatchInput,
  Metric,
  MetricPoint,
  ModelVersion,
  ParamValue,
  Run,
  RunData,
  RunInfo,
  RunStatus,
  RunViewType,
  RunsPage,
  SearchRunsOptions,
  TrackingClient,
  TrackingClientOptions,
  TrackingLogger,
} from './types';
export {
  TrackingError,
  ResourceDoesNotExistError,
  ResourceAlreadyExistsError,
  InvalidParameterValueError,
  TemporarilyUnavailableError,
  RequestLimitExceededError,
  TrackingNetworkError,
} from './errors';
export { writeMlModelFile, readMlModelFile, topicModelSignature, MLMODEL_FILE_NAME } from './mlmodel';
export type { MlModelDocument, MlModelOptions, ModelSignature, MlflowSchemaEntry, FlavorConfigValue } from './mlmodel';
export { MLFLOW_LIMITS, validateAlias } from './validation';
export { MLFLOW_TAGS } from './mlflow-tags';
