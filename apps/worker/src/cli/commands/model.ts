import { Command } from 'commander';
import { runEvaluate, runTrain } from '@topicops/pipeline';
import { choice, decimal, integer, prior, range } from '../options';
import { runCommand, withStageContext } from '../run-command';
import { DEFAULT_CORPUS } from './data';

export function trainCommand(): Command {
  return new Command('train')
    .description('train LDA on the stored tokens, log the run to MLflow and register a model version')
    .option('--corpus <name>', 'corpus name', DEFAULT_CORPUS)
    .option('--preprocessing <version>', 'pre-processing version (default: latest)', integer(1))
    .option('--topics <k>', 'number of topics', integer(2, 1000))
    .option('--topics-range <from:to>', 'sweep K over a range as child runs; the best by c_v is registered', range)
    .option('--passes <n>', 'passes over the corpus', integer(1, 1000))
    .option('--chunksize <n>', 'documents per online update', integer(1))
    .option('--iterations <n>', 'E-step iterations per document', integer(1, 10000))
    .option('--update-every <n>', 'chunks per M-step (0 = batch)', integer(0))
    .option('--alpha <prior>', "symmetric|asymmetric|auto|<number>|<n1,n2,...>", prior(['symmetric', 'asymmetric', 'auto'] as const))
    .option('--eta <prior>', 'symmetric|auto|<number>|<n1,n2,...>', prior(['symmetric', 'auto'] as const))
    .option('--decay <x>', 'learning-rate decay (0.5, 1]', decimal(0.5, 1))
    .option('--offset <x>', 'learning-rate offset', decimal(0, 1e9))
    .option('--gamma-threshold <x>', 'E-step convergence threshold', decimal(0, 1))
    .option('--seed <n>', 'random seed', integer(0))
    .option('--backend <name>', 'auto|node|wasm|cpu', choice(['auto', 'node', 'wasm', 'cpu'] as const))
    .option('--threads <n>', 'E-step worker threads', integer(1, 64))
    .action(async (opts) =>
      runCommand('train', (env) =>
        withStageContext(env, async (ctx) => ({
          summary: await runTrain(ctx, {
            corpus: opts.corpus,
            preprocessingVersion: opts.preprocessing,
            topics: opts.topics,
            topicsRange: opts.topicsRange,
            lda: definedOnly({
              passes: opts.passes,
              chunksize: opts.chunksize,
              iterations: opts.iterations,
              updateEvery: opts.updateEvery,
              alpha: opts.alpha,
              eta: opts.eta,
              decay: opts.decay,
              offset: opts.offset,
              gammaThreshold: opts.gammaThreshold,
              randomState: opts.seed,
              backend: opts.backend,
              threads: opts.threads,
            }),
          }),
        })),
      ),
    );
}

export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description('compute the KPI (c_v gate, u_mass, c_npmi, held-out perplexity) and promote to champion if it passes')
    .option('--model-version <n>', 'registered version (default: the latest)')
    .option('--alias <alias>', 'evaluate the version an alias points at, e.g. champion')
    .action(async (opts) =>
      runCommand('evaluate', (env) =>
        withStageContext(env, async (ctx) => ({
          summary: await runEvaluate(ctx, { modelVersion: opts.modelVersion, alias: opts.alias }),
        })),
      ),
    );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
