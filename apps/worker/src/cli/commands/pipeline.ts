import { Command } from 'commander';
import { ExitCode, UsageError } from '@topicops/config';
import { pipelineRunStatus, runPipeline, submitPipelineRun, waitForPipelineRun } from '@topicops/pipeline';
import { choice, integer, integerList } from '../options';
import { runCommand, withStageContext } from '../run-command';
import { DEFAULT_CORPUS } from './data';

export function pipelineCommand(): Command {
  return new Command('pipeline')
    .description(
      'ingest → preprocess → train → evaluate; while the KPI fails and attempts remain, again from ingestion with ' +
        'the next candidate of the search space. In-process by default; --queue submits it to the scheduler via Redis.',
    )
    .option('--source <path>', 'ingested at the start of every attempt (omit to use the stored corpus)')
    .option('--corpus <name>', 'corpus name', DEFAULT_CORPUS)
    .option('--format <format>', 'auto|chroniclitaly|csv|jsonl|sotu', choice(['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const))
    .option('--publications <csv>', 'CSV mapping lccn,title to publication names')
    .option('--stopwords <file>', 'custom stopword list for pre-processing')
    .option('--max-attempts <n>', 'attempts before the run ends as failed_kpi', integer(1, 100), 3)
    .option('--topics <list>', 'search space: topic counts tried in turn, e.g. 10,8,12', integerList)
    .option('--passes <list>', 'search space: passes tried in turn', integerList)
    .option('--seeds <list>', 'search space: seeds tried in turn', integerList)
    .option('--iterations <n>', 'E-step iterations for every attempt', integer(1, 10000))
    .option('--idempotency-key <key>', 'a repeated request with the same key returns the same run')
    .option('--queue', 'submit through Redis (REDIS_URL) to the scheduler instead of running in-process')
    .option('--wait', 'with --queue: block until the run ends and print its final summary')
    .option('--timeout <seconds>', 'with --wait: give up after this long', integer(1), 3600)
    .action(async (opts) =>
      runCommand('pipeline', (env) =>
        withStageContext(env, async (ctx) => {
          const searchSpace = {
            ...(opts.topics ? { topics: opts.topics } : {}),
            ...(opts.passes ? { passes: opts.passes } : {}),
            ...(opts.seeds ? { seeds: opts.seeds } : {}),
          };
          const request = {
            corpus: opts.corpus,
            source: opts.source,
            format: opts.format,
            publications: opts.publications,
            stopwordsFile: opts.stopwords,
            maxAttempts: opts.maxAttempts,
            searchSpace,
            idempotencyKey: opts.idempotencyKey,
          };
          if (!opts.queue) {
            if (opts.wait) throw new UsageError('--wait goes with --queue (an in-process run always waits)');
            const summary = await runPipeline(ctx, {
              ...request,
              trigger: 'cli',
              ...(opts.iterations ? { lda: { iterations: opts.iterations } } : {}),
            });
            return { summary };
          }
          if (!env.config.redisUrl) throw new UsageError('--queue needs REDIS_URL (e.g. redis://127.0.0.1:6379)');
          const runId = await submitPipelineRun(env.config.redisUrl, ctx.ds, { ...request, trigger: 'cli' });
          if (!opts.wait) return { summary: { pipeline_run_id: runId, status: 'queued' } };
          const summary = await waitForPipelineRun(ctx.ds, runId, { timeoutMs: opts.timeout * 1000 });
          return { summary, exitCode: summary.status === 'failed' ? ExitCode.FAILURE : ExitCode.OK };
        }),
      ),
    );
}

export function pipelineStatusCommand(): Command {
  return new Command('pipeline-status')
    .description("print a pipeline run's state as one JSON line")
    .argument('<run-id>', 'pipeline run id')
    .action(async (runId: string) =>
      runCommand('pipeline-status', (env) =>
        withStageContext(env, async (ctx) => ({ summary: await pipelineRunStatus(ctx.ds, runId) })),
      ),
    );
}
