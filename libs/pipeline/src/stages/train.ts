import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@topicops/config';
import { DocumentTopicsEntity } from '@topicops/corpus';
import { LdaModel, LdaTrainOptions, inMemoryCorpus, trainLda } from '@topicops/lda';
import { topicModelSignature, writeMlModelFile } from '@topicops/tracking';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StageContext } from '../context';
import { ModelBundle, ModelInfo } from '../serving/model-bundle';
import { coherenceOf } from './kpi';
import { LoadedPreprocessing, loadPreprocessingVersion } from './preprocessing-version';
import { DEFAULT_HELDOUT_FRACTION, TrainingData, loadTrainingData, split } from './training-data';

export interface TrainInput {
  corpus: string;
  preprocessingVersion?: number;
  topics?: number;
  /** Inclusive range swept as child runs; the best by c_v is registered. */
  topicsRange?: [number, number];
  lda?: Partial<Omit<LdaTrainOptions, 'numTopics' | 'numTerms'>>;
  heldoutFraction?: number;
  pipelineRunId?: string;
  attempt?: number;
}

export interface TrainSummary {
  run_id: string;
  model_name: string;
  model_version: string;
  num_topics: number;
  c_v: number;
  corpus: string;
  preprocessing_version: number;
  train_documents: number;
  heldout_documents: number;
  backend: string;
  seconds: number;
  reused: boolean;
  sweep?: Array<{ num_topics: number; run_id: string; c_v: number }>;
}

export const DEFAULT_TOPICS = 10;
export const DEFAULT_LDA: Partial<LdaTrainOptions> = { passes: 10, chunksize: 2000, iterations: 50, randomState: 1 };
const RUN_KEY_TAG = 'topicops.run_key';
const MODEL_VERSION_TAG = 'topicops.model_version';

interface TrainedCandidate {
  runId: string;
  artifactUri: string;
  model: LdaModel;
  cv: number;
}

/**
 * Trains LDA on a stored pre-processing version, records everything in the tracking backend and registers
 * a new model version. Registration is the last write: an interrupted run leaves at most an unregistered
 * run. With a pipeline run id, a retried job finds the version it already registered and returns it.
 */
export async function runTrain(ctx: StageContext, input: TrainInput): Promise<TrainSummary> {
  const started = Date.now();
  const modelName = ctx.config.modelName;
  const runKey = input.pipelineRunId ? `${input.pipelineRunId}:${input.attempt ?? 1}` : undefined;
  const experimentId = await ctx.tracking.getOrCreateExperiment(ctx.config.experimentName);
  const preprocessing = await loadPreprocessingVersion(ctx.ds, input.corpus, input.preprocessingVersion);
  const heldoutFraction = input.heldoutFraction ?? DEFAULT_HELDOUT_FRACTION;
  const data = await loadTrainingData(ctx.ds, preprocessing, heldoutFraction);
  const { train, heldout, trainTexts } = split(data);
  if (train.length === 0) throw new UsageError(`corpus "${input.corpus}" has no documents to train on`);

  if (runKey) {
    const previous = await findRegisteredRun(ctx, experimentId, runKey);
    if (previous) {
      return {
        ...previous,
        corpus: input.corpus,
        preprocessing_version: preprocessing.entity.version,
        train_documents: train.length,
        heldout_documents: heldout.length,
        seconds: (Date.now() - started) / 1000,
        reused: true,
      };
    }
  }

  const candidates = topicCounts(input);
  const baseTags: Record<string, string> = {
    'mlflow.source.name': 'topicops train',
    'mlflow.source.type': 'LOCAL',
    'topicops.corpus': input.corpus,
    ...(runKey ? { [RUN_KEY_TAG]: runKey } : {}),
    ...(input.pipelineRunId ? { 'topicops.pipeline_run_id': input.pipelineRunId } : {}),
  };
  let parentRunId: string | undefined;
  if (candidates.length > 1) {
    const parent = await ctx.tracking.createRun({
      experimentId,
      runName: `sweep-${input.corpus}-k${candidates[0]}-${candidates[candidates.length - 1]}`,
      tags: { ...baseTags, [RUN_KEY_TAG]: `${runKey ?? ''}:sweep` },
    });
    parentRunId = parent.runId;
  }

  const sweep: TrainSummary['sweep'] = [];
  let best: TrainedCandidate | undefined;
  try {
    for (const [index, numTopics] of candidates.entries()) {
      const candidate = await trainCandidate(ctx, {
        input,
        numTopics,
        experimentId,
        parentRunId,
        tags: parentRunId ? { ...baseTags, [RUN_KEY_TAG]: `${runKey ?? ''}:k${numTopics}` } : baseTags,
        preprocessing,
        data,
        train,
        heldout,
        trainTexts,
        progress: (fraction) =>
          ctx.progress?.({
            stage: 'train',
            fraction: (index + fraction) / candidates.length,
            message: `training K=${numTopics}`,
          }),
      });
      sweep.push({ num_topics: numTopics, run_id: candidate.runId, c_v: candidate.cv });
      if (!best || candidate.cv > best.cv) best = candidate;
    }
  } catch (error) {
    if (parentRunId) await ctx.tracking.updateRun(parentRunId, 'FAILED');
    throw error;
  }
  if (!best) throw new Error('no candidate was trained');

  const version = await register(ctx, modelName, best, runKey);
  if (parentRunId) {
    await ctx.tracking.logBatch(parentRunId, {
      metrics: [{ key: 'best_c_v', value: best.cv, timestamp: Date.now(), step: 0 }],
      params: { best_num_topics: best.model.numTopics },
      tags: { [MODEL_VERSION_TAG]: version, 'topicops.best_run_id': best.runId },
    });
    await ctx.tracking.updateRun(parentRunId, 'FINISHED');
  }
  await storeDocumentTopics(ctx, modelName, version, best.model, data);

  return {
    run_id: best.runId,
    model_name: modelName,
    model_version: version,
    num_topics: best.model.numTopics,
    c_v: best.cv,
    corpus: input.corpus,
    preprocessing_version: preprocessing.entity.version,
    train_documents: train.length,
    heldout_documents: heldout.length,
    backend: best.model.backend,
    seconds: (Date.now() - started) / 1000,
    reused: false,
    ...(candidates.length > 1 ? { sweep } : {}),
  };
}

function topicCounts(input: TrainInput): number[] {
  if (input.topicsRange) {
    const [from, to] = input.topicsRange;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 2 || to < from || to - from > 100) {
      throw new UsageError(`topics range ${from}:${to} is invalid (integers, 2 ≤ from ≤ to, at most 100 values)`);
    }
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const topics = input.topics ?? DEFAULT_TOPICS;
  if (!Number.isInteger(topics) || topics < 2 || topics > 1000) {
    throw new UsageError(`--topics must be an integer from 2 to 1000 (got ${topics})`);
  }
  return [topics];
}

interface CandidateJob {
  input: TrainInput;
  numTopics: number;
  experimentId: string;
  parentRunId?: string;
  tags: Record<string, string>;
  preprocessing: LoadedPreprocessing;
  data: TrainingData;
  train: ReturnType<typeof split>['train'];
  heldout: ReturnType<typeof split>['heldout'];
  trainTexts: string[][];
  progress: (fraction: number) => void;
}

async function trainCandidate(ctx: StageContext, job: CandidateJob): Promise<TrainedCandidate> {
  const { preprocessing, numTopics } = job;
  const numTerms = preprocessing.dictionary.id2token.length;
  const options: LdaTrainOptions = {
    ...DEFAULT_LDA,
    backend: ctx.config.tfjsBackend,
    ...(ctx.config.ldaThreads ? { threads: ctx.config.ldaThreads } : {}),
    ...job.input.lda,
    numTopics,
    numTerms,
  };
  const run = await ctx.tracking.createRun({
    experimentId: job.experimentId,
    runName: `lda-${job.input.corpus}-k${numTopics}`,
    tags: job.tags,
    parentRunId: job.parentRunId,
  });
  try {
    const corpusDigest = preprocessing.entity.corpusDigest;
    await ctx.tracking.logBatch(run.runId, {
      params: {
        ...flatten('lda', { ...options }),
        ...flatten('preprocessing', { ...preprocessing.config }),
        corpus: job.input.corpus,
        corpus_digest: corpusDigest,
        preprocessing_version: preprocessing.entity.version,
        heldout_fraction: job.input.heldoutFraction ?? DEFAULT_HELDOUT_FRACTION,
        train_documents: job.train.length,
        heldout_documents: job.heldout.length,
        num_terms: numTerms,
      },
    });
    await ctx.tracking.logInputs(run.runId, [
      {
        name: `${job.input.corpus}@preprocessing-v${preprocessing.entity.version}`,
        digest: corpusDigest.slice(0, 36),
        sourceType: 'database',
        source: `topicops://corpora/${job.input.corpus}/preprocessing/${preprocessing.entity.version}`,
        context: 'training',
      },
    ]);
    const passes = options.passes ?? 1;
    const model = await trainLda(inMemoryCorpus(job.train), options, {
      onProgress: (p) => job.progress(0.8 * ((p.pass + p.docsDone / Math.max(1, p.docsTotal)) / passes)),
      onPassEnd: (pass, perWordBound) => {
        void ctx.tracking
          .logBatch(run.runId, { metrics: [{ key: 'per_word_bound', value: perWordBound, timestamp: Date.now(), step: pass }] })
          .catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'could not log the per-pass bound'));
      },
    });
    const cv = coherenceOf('c_v', model, preprocessing.dictionary, job.data.texts, ctx.config.kpiTopn);
    await ctx.tracking.logBatch(run.runId, {
      metrics: [{ key: 'c_v', value: cv, timestamp: Date.now(), step: 0 }],
      tags: { 'topicops.backend': model.backend, 'topicops.kpi_topn': String(ctx.config.kpiTopn) },
    });
    job.progress(0.9);
    const artifactUri = await logModelFolder(ctx, run.runId, run.artifactUri, model, job, cv);
    await ctx.tracking.updateRun(run.runId, 'FINISHED');
    return { runId: run.runId, artifactUri, model, cv };
  } catch (error) {
    await ctx.tracking.updateRun(run.runId, 'FAILED').catch(() => undefined);
    throw error;
  }
}

async function logModelFolder(
  ctx: StageContext,
  runId: string,
  runArtifactUri: string,
  model: LdaModel,
  job: CandidateJob,
  cv: number,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topicops-model-'));
  try {
    const info: ModelInfo = {
      name: ctx.config.modelName,
      version: null,
      run_id: runId,
      num_topics: model.numTopics,
      num_terms: model.numTerms,
      trained_at: new Date().toISOString(),
      corpus: job.input.corpus,
      corpus_digest: job.preprocessing.entity.corpusDigest,
      preprocessing_version: job.preprocessing.entity.version,
      params: {
        ...flatten('lda', { ...(model.training?.options ?? {}) }),
        backend: model.training?.backend ?? model.backend,
        threads: model.training?.threads ?? 1,
      },
      kpi: { c_v: cv },
    };
    await model.save(dir);
    await ModelBundle.writeSidecars(dir, {
      info,
      preprocessing: job.preprocessing.config,
      dictionary: job.preprocessing.dictionary,
      phrases: job.preprocessing.phrases,
    });
    await writeMlModelFile(dir, {
      artifactPath: 'model',
      runId,
      flavor: 'topicops_lda',
      signature: topicModelSignature(model.numTopics),
      flavorConfig: { num_topics: model.numTopics, num_terms: model.numTerms, model_format: 'topicops-lda' },
    });
    await ctx.tracking.logArtifacts(runId, dir, 'model');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return `${runArtifactUri.replace(/\/$/, '')}/model`;
}

async function register(
  ctx: StageContext,
  modelName: string,
  candidate: TrainedCandidate,
  runKey: string | undefined,
): Promise<string> {
  await ctx.tracking.ensureRegisteredModel(modelName);
  const version = await ctx.tracking.createModelVersion(modelName, candidate.artifactUri, candidate.runId);
  await ctx.tracking.logBatch(candidate.runId, {
    tags: { [MODEL_VERSION_TAG]: version.version, ...(runKey ? { [RUN_KEY_TAG]: runKey } : {}) },
  });
  return version.version;
}

async function findRegisteredRun(
  ctx: StageContext,
  experimentId: string,
  runKey: string,
): Promise<Pick<TrainSummary, 'run_id' | 'model_name' | 'model_version' | 'num_topics' | 'c_v' | 'backend'> | null> {
  const runs = await ctx.tracking.searchRuns({
    experimentIds: [experimentId],
    filter: `tags.\`${RUN_KEY_TAG}\` = '${runKey}'`,
    maxResults: 10,
  });
  for (const run of runs) {
    const version = run.data.tags[MODEL_VERSION_TAG];
    if (!version) continue;
    return {
      run_id: run.info.runId,
      model_name: ctx.config.modelName,
      model_version: version,
      num_topics: Number(run.data.params['lda.numTopics']),
      c_v: run.data.metrics['c_v'] ?? Number.NaN,
      backend: run.data.tags['topicops.backend'] ?? 'unknown',
    };
  }
  return null;
}

/** Theta of every document (held-out ones included) for the API's prevalence and per-document views. */
async function storeDocumentTopics(
  ctx: StageContext,
  modelName: string,
  modelVersion: string,
  model: LdaModel,
  data: TrainingData,
): Promise<void> {
  const repo = ctx.ds.getRepository(DocumentTopicsEntity);
  await repo.delete({ modelName, modelVersion });
  const batch = 500;
  for (let start = 0; start < data.bows.length; start += batch) {
    const bows = data.bows.slice(start, start + batch);
    const thetas = await model.inferTheta(bows, { deterministic: true });
    const rows = thetas.map((theta, offset) => {
      let dominant = 0;
      for (let t = 1; t < theta.length; t += 1) if (theta[t] > theta[dominant]) dominant = t;
      const weight = bows[offset].reduce((sum, [, count]) => sum + count, 0);
      return {
        modelName,
        modelVersion,
        documentId: data.documentIds[start + offset],
        theta: Array.from(theta, (p) => Math.round(p * 1e6) / 1e6),
        dominantTopic: dominant,
        weight,
      };
    });
    await repo.insert(rows as QueryDeepPartialEntity<DocumentTopicsEntity>[]);
  }
}

type ParamValue = string | number | boolean;
/** Long values (a custom stopword list) are logged by digest; the full value is in the model folder. */
const MAX_PARAM_CHARS = 500;

function flatten(prefix: string, value: object): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const name = `${prefix}.${key}`;
    if (item === null) {
      out[name] = 'null';
    } else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      out[name] = item;
    } else {
      out[name] = JSON.stringify(item);
    }
    const text = out[name];
    if (typeof text === 'string' && text.length > MAX_PARAM_CHARS) {
      out[name] = `sha256:${createHash('sha256').update(text).digest('hex')} (${text.length} chars, in the model folder)`;
    }
  }
  return out;
}
