// Runs the bench-lda command logic until the CLI wires it in:
//
//   node -r @swc-node/register tools/bench/lda-bench.ts --train T.mm --heldout H.mm --topics K
//        [--passes P --chunksize C --iterations I --seed S --backend wasm|cpu|node --threads N]
//        [--lambda-out L.f32 --alpha-out A.json] [--stream] [--warm-start]
//
// --stream reads the training file from disk on every pass (bounded memory); by default it is read into
// memory before the clock starts, as peer_lda.py does.
//
// Prints one JSON line: {backend, threads, train_seconds, docs_per_second, heldout_log_perplexity, topics, ...}.
import './lda-workspace-paths';
import { parseArgs } from 'node:util';
import { UsageError } from '@topicops/config';
import { BackendChoice, runBenchLda } from '@topicops/lda';

const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    heldout: { type: 'string' },
    topics: { type: 'string' },
    passes: { type: 'string' },
    chunksize: { type: 'string' },
    iterations: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    'lambda-out': { type: 'string' },
    'alpha-out': { type: 'string' },
    stream: { type: 'boolean' },
    'warm-start': { type: 'boolean' },
  },
});

const number = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number (got "${raw}")`);
  return value;
};

runBenchLda({
  train: values.train ?? '',
  heldout: values.heldout ?? '',
  topics: number('topics', values.topics) ?? Number.NaN,
  passes: number('passes', values.passes),
  chunksize: number('chunksize', values.chunksize),
  iterations: number('iterations', values.iterations),
  seed: number('seed', values.seed),
  backend: values.backend as BackendChoice | undefined,
  threads: number('threads', values.threads),
  lambdaOut: values['lambda-out'],
  alphaOut: values['alpha-out'],
  stream: values.stream ?? false,
  warmStart: values['warm-start'] ?? false,
})
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`bench-lda: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
