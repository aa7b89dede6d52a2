import { StageHandlers } from '@topicops/pipeline';

/** Stages that only pass plausible results along, for tests about processes rather than data. */
export const fakeStages: StageHandlers = {
  ingest: async ({ corpus }) => ({ corpus, added: 0, updated: 0, unchanged: 0, rejected: 0 }),
  preprocess: async ({ corpus }) => ({ corpus, preprocessing_version: 1, created: false }),
  train: async ({ pipelineRunId, attempt, candidate }) => ({
    run_id: `${pipelineRunId}-${attempt}`,
    model_version: String(attempt),
    num_topics: candidate.topics,
  }),
  evaluate: async ({ upstream }) => ({
    model_version: String(upstream?.['model_version']),
    c_v: 0.5,
    kpi_ok: true,
    promoted: true,
  }),
};
