import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LdaModel } from '@topicops/lda';
import { Dictionary, defaultPreprocessingConfig } from '@topicops/nlp';
import { ModelBundle, ModelInfo } from '@topicops/pipeline';
import { TrackingClient, topicModelSignature, writeMlModelFile } from '@topicops/tracking';

/** Three topics with ten words each: a text made of one topic's words is dominated by that topic. */
export const TOPIC_WORDS: readonly string[][] = [
  ['scuola', 'maestro', 'studenti', 'classe', 'lezione', 'università', 'professore', 'libri', 'esame', 'diploma'],
  ['piroscafo', 'porto', 'emigranti', 'viaggio', 'nave', 'bagaglio', 'dogana', 'sbarco', 'passeggeri', 'oceano'],
  ['lavoro', 'sciopero', 'operai', 'fabbrica', 'salario', 'sindacato', 'miniera', 'padrone', 'orario', 'paga'],
];

export const MODEL_NAME = 'topicops-lda';

export interface ModelFixtureOptions {
  /** Weight of a topic's own words in λ (others get 1); changes the model without changing its topics. */
  strength?: number;
  /** Corrupt the saved λ so that the version fails to load. */
  broken?: boolean;
  corpus?: string;
}

/** Writes a complete model folder (LDA, pre-processing, dictionary, info, MLmodel) into `dir`. */
export async function writeModelFolder(dir: string, runId: string, options: ModelFixtureOptions = {}): Promise<void> {
  const dictionary = new Dictionary();
  dictionary.addDocuments(TOPIC_WORDS);
  const numTopics = TOPIC_WORDS.length;
  const numTerms = dictionary.id2token.length;
  const strength = options.strength ?? 50;
  const lambda = new Float32Array(numTopics * numTerms).fill(1);
  TOPIC_WORDS.forEach((words, topic) => {
    for (const word of words) lambda[topic * numTerms + (dictionary.token2id.get(word) as number)] = strength;
  });
  const model = new LdaModel({ numTopics, numTerms, alpha: new Array(numTopics).fill(1 / numTopics), eta: 1 / numTopics, lambda });
  await model.save(dir);
  const info: ModelInfo = {
    name: MODEL_NAME,
    version: null,
    run_id: runId,
    num_topics: numTopics,
    num_terms: numTerms,
    trained_at: '2025-11-26T10:00:00.000Z',
    corpus: options.corpus ?? 'fixture',
    corpus_digest: 'f'.repeat(64),
    preprocessing_version: 1,
    params: { 'lda.numTopics': numTopics, 'lda.passes': 1 },
    kpi: { c_v: 0.5 },
  };
  const preprocessing = defaultPreprocessingConfig({ phrases: null });
  await ModelBundle.writeSidecars(dir, { info, preprocessing, dictionary, phrases: [] });
  await writeMlModelFile(dir, { artifactPath: 'model', runId, flavor: 'topicops_lda', signature: topicModelSignature(numTopics) });
  if (options.broken) await truncate(join(dir, 'lambda.f32'), 7);
}

/** Logs a model folder to a run, registers it as a new version and returns the version number. */
export async function registerModelVersion(tracking: TrackingClient, options: ModelFixtureOptions = {}): Promise<string> {
  const experimentId = await tracking.getOrCreateExperiment('api-tests');
  const run = await tracking.createRun({ experimentId, runName: 'fixture' });
  const dir = await mkdtemp(join(tmpdir(), 'topicops-api-model-'));
  try {
    await writeModelFolder(dir, run.runId, options);
    await tracking.logArtifacts(run.runId, dir, 'model');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await tracking.updateRun(run.runId, 'FINISHED');
  await tracking.ensureRegisteredModel(MODEL_NAME);
  const version = await tracking.createModelVersion(MODEL_NAME, `${run.artifactUri.replace(/\/$/, '')}/model`, run.runId);
  return version.version;
}

/** Registers a version and points the champion alias at it. */
export async function promoteNewVersion(tracking: TrackingClient, options: ModelFixtureOptions = {}): Promise<string> {
  const version = await registerModelVersion(tracking, options);
  await tracking.setAlias(MODEL_NAME, 'champion', version);
  return version;
}

/** A text of `count` words drawn in turn from one topic's vocabulary. */
export function topicText(topic: number, count = 30): string {
  const words = TOPIC_WORDS[topic];
  return Array.from({ length: count }, (_, i) => words[i % words.length]).join(' ');
}
