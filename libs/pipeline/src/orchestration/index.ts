// Public API of the orchestration module (re-exported by @topicops/pipeline): queues, the Redis
// scheduler and stage workers, the shared retraining decision, and run submission / status.
export { DEFAULT_QUEUE_PREFIX, REQUESTS_QUEUE, STAGES } from './names';
export { redisConnectionOptions } from './redis-connection';
export { decideNextStep } from './decide-next-step';
export type { NextStep, RunProgress } from './decide-next-step';
export { PipelineRunStore, isUniqueViolation } from './pipeline-run-store';
export type { TaskKey } from './pipeline-run-store';
export { validatePipelineRequest, DEFAULT_MAX_ATTEMPTS } from './pipeline-request';
export { submitPipelineRun, submitPipelineRunWithOutcome, requestPipelineRun } from './request-run';
export type { SubmitOutcome, SubmitOptions } from './request-run';
export { CorpusBusyError } from './corpus-lock';
export { pipelineRunStatus, waitForPipelineRun, PipelineWaitTimeoutError } from './run-status';
export type { WaitOptions } from './run-status';
export { PipelineScheduler } from './pipeline-scheduler';
export type { PipelineSchedulerOptions, ReconcileReport } from './pipeline-scheduler';
export { SourceWatcher, sourceFingerprint } from './source-watcher';
export type { FingerprintMemory, PollResult, SourceWatcherOptions } from './source-watcher';
export { StageWorkerPool, DEFAULT_STALLED_POLICY } from './stage-worker-pool';
export type { CloseOutcome, StageWorkerPoolOptions, StalledJobPolicy } from './stage-worker-pool';
export { DEFAULT_STAGE_RETRY } from './attempt-flow';
export type { StageRetryPolicy } from './attempt-flow';
export { realStageHandlers } from './real-stage-handlers';
export { createJobAwareLogger } from './job-log';
export type { StageHandler, StageHandlers, StageInvocation, StageResult, StageRuntime } from './stage-handlers';
export { PIPELINE_TRIGGERS } from './types';
export type {
  AttemptEvaluation,
  PipelineRequest,
  PipelineRunParams,
  PipelineRunState,
  PipelineRunStatus,
  PipelineRunSummary,
  PipelineTaskStatus,
  PipelineTrigger,
  SearchSpace,
  TrainingCandidate,
} from './types';
