import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { UsageError } from '@topicops/config';
import { inMemoryCorpus } from '../corpus/in-memory-corpus';
import { readMatrixMarket } from '../corpus/matrix-market';
import { toLittleEndianBytes } from '../model/model-file';
import { trainLda } from '../train/train-lda';
import { BackendChoice, Bow, BowCorpus } from '../types';

export interface BenchLdaArgs {
  train: string;
  heldout: string;
  topics: number;
  passes?: number;
  chunksize?: number;
  iterations?: number;
  seed?: number;
  backend?: BackendChoice;
  threads?: number;
  /** Warm-start γ from the previous pass (default false: gensim's random restart every pass). */
  warmStart?: boolean;
  /** Where to write λ (K×V float32 little-endian), for peer_lda.py eval. */
  lambdaOut?: string;
  /** Where to write α as a JSON list. */
  alphaOut?: string;
  /**
   * Stream the training file from disk on every pass instead of reading it into memory before the clock
   * starts (peer_lda.py reads its corpus first).
   */
  stream?: boolean;
}

export interface BenchLdaResult {
  backend: string;
  threads: number;
  thread_fallback?: string;
  train_seconds: number;
  /** CPU time of the training, all threads (user + system). */
  train_cpu_seconds: number;
  docs_per_second: number;
  heldout_log_perplexity: number;
  num_terms: number;
  train_documents: number;
  heldout_documents: number;
  warm_start: boolean;
  /** E-step document-iterations over all passes (gensim's cost unit). */
  document_iterations: number;
  /** Top-20 term ids of every topic. */
  topics: number[][];
}

const TOP_TERMS = 20;

async function readAll(path: string): Promise<{ docs: Bow[]; numTerms: number }> {
  const corpus = await readMatrixMarket(path);
  const docs: Bow[] = [];
  for await (const chunk of corpus.chunks(10_000)) docs.push(...chunk);
  return { docs, numTerms: corpus.numTerms };
}

async function trainingCorpus(path: string, stream: boolean): Promise<BowCorpus & { numTerms: number }> {
  if (stream) return readMatrixMarket(path);
  const { docs, numTerms } = await readAll(path);
  return { ...inMemoryCorpus(docs), numTerms };
}

/**
 * The bench-lda command: trains on a Matrix Market corpus (streamed), times it, scores the held-out corpus
 * with gensim's per-word bound and writes λ and α for /work/shared/bench/peer_lda.py eval.
 */
export async function runBenchLda(args: BenchLdaArgs): Promise<BenchLdaResult> {
  if (!args.train || !args.heldout) throw new UsageError('bench-lda needs --train <T.mm> and --heldout <H.mm>');
  const passes = args.passes ?? 1;
  const iterations = args.iterations ?? 50;
  const train = await trainingCorpus(args.train, args.stream ?? false);
  const heldout = await readAll(args.heldout);
  // The vocabulary spans both files, as in peer_lda.py.
  const numTerms = Math.max(train.numTerms, heldout.numTerms);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const model = await trainLda(train, {
    numTopics: args.topics,
    numTerms,
    passes,
    chunksize: args.chunksize,
    iterations,
    randomState: args.seed ?? 1,
    backend: args.backend,
    threads: args.threads,
    warmStart: args.warmStart,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  try {
    // peer_lda.py scores every model with at least 50 iterations.
    const heldoutLogPerplexity = await model.logPerplexity(heldout.docs, heldout.docs.length, {
      iterations: Math.max(iterations, 50),
    });
    if (args.lambdaOut) await writeFile(args.lambdaOut, toLittleEndianBytes(model.lambda));
    if (args.alphaOut) await writeFile(args.alphaOut, JSON.stringify(Array.from(model.alpha)));
    const training = model.training;
    return {
      backend: model.backend,
      threads: training?.threads ?? 1,
      ...(training?.threadFallback ? { thread_fallback: training.threadFallback } : {}),
      train_seconds: Number(seconds.toFixed(3)),
      train_cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
      docs_per_second: Number(((passes * train.numDocs) / seconds).toFixed(1)),
      heldout_log_perplexity: heldoutLogPerplexity,
      num_terms: numTerms,
      train_documents: train.numDocs,
      heldout_documents: heldout.docs.length,
      warm_start: training?.warmStart ?? false,
      document_iterations: training?.documentIterations ?? 0,
      topics: Array.from({ length: model.numTopics }, (_, k) => model.topTerms(k, TOP_TERMS).map((t) => t.termId)),
    };
  } finally {
    model.dispose();
  }
}
