/** What a forked test worker tells the test process over IPC. */
export type WorkerMessage =
  | { type: 'ready'; pid: number }
  | { type: 'startup-failed'; pid: number; message: string }
  | { type: 'stage-started'; pid: number; stage: string; pipelineRunId: string; attempt: number; corpus: string }
  | { type: 'paused'; pid: number; stage: string; pipelineRunId: string; attempt: number; corpus: string }
  | { type: 'stage-finished'; pid: number; stage: string; pipelineRunId: string; attempt: number; corpus: string };
