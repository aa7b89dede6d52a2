import { Command } from 'commander';
import { runCoherenceCommand } from '@topicops/coherence';
import { runBenchLda } from '@topicops/lda';
import { choice, integer } from '../options';
import { runCommand } from '../run-command';

export function coherenceCommand(): Command {
  return new Command('coherence')
    .description('topic coherence of given topics on given texts, exactly as gensim CoherenceModel computes it')
    .requiredOption('--texts <file>', 'JSONL: one JSON list of tokens per line')
    .requiredOption('--topics <file>', 'JSON: a list of lists of words')
    .requiredOption('--measure <measure>', 'c_v|u_mass|c_uci|c_npmi')
    .option('--topn <n>', 'words per topic (default 20, as gensim)')
    .option('--window <w>', 'sliding window (default: c_v 110, c_uci/c_npmi 10)')
    .option('--mode <mode>', "gensim (gensim's counts, default) | exact (true window counts)")
    .action(async (opts) =>
      runCommand('coherence', async () => ({
        summary: await runCoherenceCommand({
          texts: opts.texts,
          topics: opts.topics,
          measure: opts.measure,
          topn: opts.topn,
          window: opts.window,
          mode: opts.mode,
        }),
      })),
    );
}

export function benchLdaCommand(): Command {
  return new Command('bench-lda')
    .description('train on a Matrix Market corpus and report speed and held-out bound (compare with peer_lda.py)')
    .requiredOption('--train <file>', 'training corpus (.mm)')
    .requiredOption('--heldout <file>', 'held-out corpus (.mm)')
    .requiredOption('--topics <k>', 'number of topics', integer(2, 10000))
    .option('--passes <n>', 'passes', integer(1, 1000))
    .option('--chunksize <n>', 'documents per update', integer(1))
    .option('--iterations <n>', 'E-step iterations', integer(1, 10000))
    .option('--seed <n>', 'random seed', integer(0))
    .option('--backend <name>', 'auto|node|wasm|cpu', choice(['auto', 'node', 'wasm', 'cpu'] as const))
    .option('--threads <n>', 'E-step worker threads', integer(1, 64))
    .option('--stream', 'read the training file from disk on every pass (bounded memory) instead of loading it first')
    .option('--warm-start', "start each document's gamma from its previous pass instead of gensim's random draw")
    .option('--lambda-out <file>', 'write lambda as K×V float32 little-endian')
    .option('--alpha-out <file>', 'write alpha as a JSON list')
    .action(async (opts) =>
      runCommand('bench-lda', async () => ({
        summary: await runBenchLda({
          train: opts.train,
          heldout: opts.heldout,
          topics: opts.topics,
          passes: opts.passes,
          chunksize: opts.chunksize,
          iterations: opts.iterations,
          seed: opts.seed,
          backend: opts.backend,
          threads: opts.threads,
          warmStart: opts.warmStart === true,
          stream: opts.stream === true,
          lambdaOut: opts.lambdaOut,
          alphaOut: opts.alphaOut,
        }),
      })),
    );
}
