import { FlowJob } from 'bullmq';
import { attemptFlow } from './attempt-flow';

function chain(flow: FlowJob): FlowJob[] {
  const jobs: FlowJob[] = [];
  let current: FlowJob | undefined = flow;
  while (current) {
    jobs.push(current);
    current = current.children?.[0];
  }
  return jobs;
}

describe('attemptFlow', () => {
  const flow = attemptFlow(
    {
      pipelineRunId: 'run-1',
      corpus: 'demo',
      attempt: 2,
      params: { source: '/data' },
      candidate: { topics: 8, passes: 2, seed: 3 },
    },
    { attempts: 4, backoffMs: 100 },
  );

  it('puts the decision on top, evaluate under it and ingest deepest', () => {
    expect(chain(flow).map((job) => [job.queueName, job.opts?.jobId])).toEqual([
      ['pipeline-requests', 'run-1_a2_decide'],
      ['evaluate', 'run-1_a2_evaluate'],
      ['train', 'run-1_a2_train'],
      ['preprocess', 'run-1_a2_preprocess'],
      ['ingest', 'run-1_a2_ingest'],
    ]);
  });

  it('propagates a stage failure up to evaluate, which hands it to the decision', () => {
    const [, evaluate, train, preprocess, ingest] = chain(flow);
    for (const job of [train, preprocess, ingest])
      expect(job.opts).toMatchObject({ failParentOnFailure: true, attempts: 4 });
    expect(evaluate.opts).toMatchObject({ ignoreDependencyOnFailure: true, attempts: 4 });
    expect(evaluate.opts?.failParentOnFailure).toBeUndefined();
  });

  it('gives every stage the run, the attempt and its candidate', () => {
    const train = chain(flow)[2];
    expect(train.data).toEqual({
      pipelineRunId: 'run-1',
      attempt: 2,
      stage: 'train',
      corpus: 'demo',
      params: { source: '/data' },
      candidate: { topics: 8, passes: 2, seed: 3 },
    });
  });
});
