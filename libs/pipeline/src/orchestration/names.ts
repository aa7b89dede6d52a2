import { Stage } from '../context';

/** Every BullMQ key of the platform starts with this prefix unless BULLMQ_PREFIX says otherwise. */
export const DEFAULT_QUEUE_PREFIX = 'topicops';

/** API / CLI / cron / watcher → scheduler; also holds each attempt's decision job (the root of its flow). */
export const REQUESTS_QUEUE = 'pipeline-requests';

/** The stages in execution order; each one has its own queue of the same name. */
export const STAGES: readonly Stage[] = ['ingest', 'preprocess', 'train', 'evaluate'];

/** Job names on the requests queue. */
export const RequestJobName = {
  START_RUN: 'start-run',
  DECIDE_ATTEMPT: 'decide-attempt',
  CRON: 'cron',
} as const;

// BullMQ reserves ':' in custom job ids, so the parts are joined with '_' (run ids are UUIDs).
export function startRunJobId(runId: string): string {
  return `run_${runId}`;
}

export function stageJobId(runId: string, attempt: number, stage: Stage): string {
  return `${runId}_a${attempt}_${stage}`;
}

export function decideJobId(runId: string, attempt: number): string {
  return `${runId}_a${attempt}_decide`;
}
