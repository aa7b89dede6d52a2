import { performance } from 'node:perf_hooks';
import { UsageError } from '@topicops/config';
import { PackedDocs, packDocs, wordCount } from '../corpus/packed-docs';
import { LdaModel } from '../model/lda-model';
import { TrainingInfo } from '../model/model-parameters';
import { resolveEStepKernel } from '../estep/kernel-choice';
import { selectBackend } from '../tensor/backend';
import { BowCorpus, LdaTrainOptions, TrainHooks } from '../types';
import { updateAlpha } from './alpha-update';
import { TrainingRandomness } from './random-init';
import { createEStepRunner } from './runner-factory';
import { resolveThreadCount } from './thread-count';
import { TopicState } from './topic-state';
import { TrainingTopics } from './training-topics';
import { SimdTopicState } from '../simd/mstep-kernel';
import { EStepKernel } from '../estep/estep-types';
import { resolveTrainOptions } from './train-options';

/** Above this many γ values (documents × topics, 256 MB) the warm start is skipped to bound memory. */
export const WARM_START_MAX_VALUES = 64 * 1024 * 1024;

function perWordBoundOfChunk(
  model: LdaModel,
  chunk: PackedDocs,
  chunkDocs: number,
  totalDocs: number,
): Promise<number> {
  const ratio = totalDocs / chunkDocs;
  const words = wordCount(chunk);
  return model.bound(chunk, ratio).then((score) => (words > 0 ? score / (ratio * words) : Number.NaN));
}

/**
 * Online variational Bayes for LDA (Hoffman, Blei & Bach 2010) with gensim 4.2 LdaModel's parameters,
 * defaults and learning-rate schedule ρ = (offset + pass + updates/chunksize)^−decay. The corpus is read
 * chunk by chunk; each chunk's E-step runs batched, sharded over worker threads. The random draws are
 * gensim's own (np.random.RandomState(randomState): initial topics, then every chunk's starting γ), so a
 * seed gives gensim's model for that seed, up to floating-point rounding.
 */
export async function trainLda(corpus: BowCorpus, options: LdaTrainOptions, hooks: TrainHooks = {}): Promise<LdaModel> {
  const started = performance.now();
  const opts = resolveTrainOptions(options);
  if (typeof corpus?.chunks !== 'function' || !Number.isInteger(corpus.numDocs) || corpus.numDocs < 0) {
    throw new UsageError('corpus must be a BowCorpus (numDocs and chunks(size))');
  }
  const totalDocs = corpus.numDocs;
  if (totalDocs === 0) throw new UsageError('cannot train LDA on an empty corpus');
  const K = opts.numTopics;
  const V = opts.numTerms;
  const chunksize = Math.min(totalDocs, opts.chunksize);
  const backend = await selectBackend(opts.backend);
  const kernel = resolveEStepKernel(opts.estepKernel, backend);
  const requestedThreads = resolveThreadCount(opts.threads, totalDocs, K);
  // Worker threads boot while this thread draws the initial topics.
  const starting = createEStepRunner(requestedThreads, backend, kernel, K);

  const randomness = new TrainingRandomness(opts.randomState);
  // The M-step runs where the E-step does: the SIMD kernel beside the SIMD E-step (eta='auto' needs
  // E[log β] itself, which the tfjs state keeps), tfjs ops otherwise.
  const mstep: EStepKernel = kernel === 'wasm-simd' && !opts.optimizeEta ? 'wasm-simd' : 'tfjs';
  let state: TrainingTopics;
  try {
    const initial = randomness.initialSstats(K, V);
    state =
      mstep === 'wasm-simd'
        ? new SimdTopicState(K, V, opts.eta, initial)
        : new TopicState(K, V, opts.eta, initial, opts.optimizeEta);
  } catch (error) {
    await (await starting).runner.close();
    throw error;
  }
  const { runner, fallback } = await starting;
  const inferenceDefaults = {
    iterations: opts.iterations,
    gammaThreshold: opts.gammaThreshold,
    minimumProbability: opts.minimumProbability,
    randomState: opts.randomState,
  };
  const warmStart = opts.warmStart && opts.passes > 1 && totalDocs * K <= WARM_START_MAX_VALUES;
  const previousGamma = warmStart ? new Float32Array(totalDocs * K) : undefined;
  let alpha = opts.alpha;
  let numUpdates = 0;
  let chunks = 0;
  let documentIterations = 0;
  let convergedDocuments = 0;
  /** The model as trained so far: λ, α and η as they stand now. */
  const currentModel = (training?: TrainingInfo) =>
    new LdaModel({
      numTopics: K,
      numTerms: V,
      alpha,
      eta: state.currentEta,
      lambda: state.lambda(),
      backend,
      ...(training ? { training } : {}),
      inference: inferenceDefaults,
    });
  try {
    await runner.setTopics(state);
    for (let pass = 0; pass < opts.passes; pass++) {
      const rho = () => Math.pow(opts.offset + pass + numUpdates / chunksize, -opts.decay);
      let pendingDocs = 0;
      const mstep = async () => {
        state.blend(rho(), await runner.takeStatistics(), pendingDocs, totalDocs);
        if (pass === 0) numUpdates += pendingDocs;
        pendingDocs = 0;
        await runner.setTopics(state);
      };
      let docsDone = 0;
      let chunkNumber = 0;
      let lastChunk: PackedDocs | undefined;
      for await (const chunk of corpus.chunks(chunksize)) {
        const packed = packDocs(chunk, V, docsDone);
        // Drawn even when the warm start replaces them, so that the stream stays aligned with gensim's.
        const drawn = randomness.chunkGamma(chunk.length, K);
        const gammaInit =
          pass > 0 && previousGamma ? previousGamma.slice(docsDone * K, (docsDone + chunk.length) * K) : drawn;
        const result = await runner.run(packed, gammaInit, {
          alpha: Float64Array.from(alpha),
          iterations: opts.iterations,
          gammaThreshold: opts.gammaThreshold,
          collectSstats: true,
        });
        previousGamma?.set(result.gamma, docsDone * K);
        pendingDocs += chunk.length;
        documentIterations += result.iterations;
        convergedDocuments += result.converged;
        if (opts.optimizeAlpha) alpha = updateAlpha(alpha, result.gamma, rho());
        docsDone += chunk.length;
        chunkNumber++;
        chunks++;
        lastChunk = packed;
        if (opts.updateEvery > 0 && chunkNumber % opts.updateEvery === 0) await mstep();
        hooks.onProgress?.({ pass, passes: opts.passes, docsDone, docsTotal: totalDocs });
      }
      if (docsDone !== totalDocs) {
        throw new UsageError(`the corpus declared ${totalDocs} documents but yielded ${docsDone} in pass ${pass + 1}`);
      }
      if (pendingDocs > 0) await mstep();
      if (hooks.onPassEnd && lastChunk) {
        const snapshot = currentModel();
        try {
          hooks.onPassEnd(
            pass,
            await perWordBoundOfChunk(snapshot, lastChunk, lastChunk.offsets.length - 1, totalDocs),
          );
        } finally {
          snapshot.dispose();
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const training: TrainingInfo = {
      options: { ...opts.recorded },
      backend,
      kernel,
      mstepKernel: mstep,
      threads: runner.threads,
      requestedThreads,
      ...(fallback ? { threadFallback: fallback } : {}),
      documents: totalDocs,
      passes: opts.passes,
      chunks,
      updates: numUpdates,
      seconds,
      docsPerSecond: (totalDocs * opts.passes) / seconds,
      documentIterations,
      convergedDocuments,
      warmStart,
    };
    return currentModel(training);
  } finally {
    state.dispose();
    await runner.close();
  }
}
