// Test helpers for @topicops/tracking and its consumers: an in-process fake MLflow tracking server.
export { FakeMlflowServer, startFakeMlflowServer } from './fake-mlflow-server';
export type { FakeMlflowServerOptions, FaultRule, RecordedRequest } from './fake-mlflow-server';
export { FakeMlflowState } from './fake-state';
export { SERVER_LIMITS } from './fake-validation';
