import { UsageError } from '@topicops/config';
import { DictionaryEntity, DocumentTokensEntity, PreprocessingVersionEntity } from '@topicops/corpus';
import {
  Dictionary,
  Phrases,
  PreprocessingConfig,
  Tokenizer,
  configHash,
  defaultPreprocessingConfig,
  readStopwordFile,
} from '@topicops/nlp';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StageContext } from '../context';
import { DictionaryPayload } from '../serving/model-bundle';
import { corpusDigest } from './corpus-digest';
import { documentPages } from './documents';

export interface PreprocessInput {
  corpus: string;
  config?: Partial<PreprocessingConfig>;
  /** A custom stopword list (CSV with a `stopword` header, or one word per line); its words are recorded. */
  stopwordsFile?: string;
}

export interface PreprocessSummary {
  corpus: string;
  preprocessing_version: number;
  created: boolean;
  documents: number;
  tokens: number;
  vocabulary: number;
  vocabulary_before_filtering: number;
  phrases: number;
  config_hash: string;
  corpus_digest: string;
  seconds: number;
}

const WRITE_BATCH = 200;

export function resolvePreprocessingConfig(input: PreprocessInput): PreprocessingConfig {
  const customStopwords = input.stopwordsFile
    ? readStopwordFile(input.stopwordsFile)
    : (input.config?.customStopwords ?? defaultPreprocessingConfig().customStopwords);
  return defaultPreprocessingConfig({ ...input.config, customStopwords });
}

/**
 * Tokenises every document of a corpus, learns phrases and the filtered dictionary, and stores the
 * result as a numbered pre-processing version keyed by (configuration, corpus content): running it again
 * on unchanged data with the same configuration is a no-op; a new configuration or new data makes a new
 * version. Rows are written first and the version is marked complete last, so a crash leaves nothing
 * that a later run would mistake for a finished version.
 */
export async function runPreprocess(ctx: StageContext, input: PreprocessInput): Promise<PreprocessSummary> {
  const started = Date.now();
  const config = resolvePreprocessingConfig(input);
  const hash = configHash(config);
  const { digest, documents } = await corpusDigest(ctx.ds, input.corpus);
  if (documents === 0) throw new UsageError(`corpus "${input.corpus}" has no documents: run ingest first`);

  const versions = ctx.ds.getRepository(PreprocessingVersionEntity);
  const existing = await versions.findOne({
    where: { corpus: input.corpus, configHash: hash, corpusDigest: digest, status: 'ready' },
  });
  if (existing) {
    ctx.logger.info({ corpus: input.corpus, version: existing.version }, 'pre-processing is up to date');
    const dictionary = await ctx.ds.getRepository(DictionaryEntity).findOneByOrFail({ preprocessingVersionId: existing.id });
    const stats = (dictionary.payload as unknown as DictionaryPayload).stats;
    return summary(input.corpus, existing, hash, digest, {
      created: false,
      vocabulary: dictionary.numTerms,
      vocabularyBefore: stats.vocabulary_before_filtering,
      phrases: stats.phrases,
      started,
    });
  }

  const tokenizer = new Tokenizer(config);
  const interned = new Map<string, string>();
  const documentIds: number[] = [];
  let texts: string[][] = [];
  for await (const page of documentPages(ctx.ds, input.corpus)) {
    for (const doc of page) {
      documentIds.push(doc.id);
      texts.push(tokenizer.tokenize(doc.text).map((token) => internString(interned, token)));
    }
    ctx.progress?.({ stage: 'preprocess', fraction: 0.6 * (documentIds.length / documents), message: 'tokenising' });
  }
  interned.clear();

  const phraseLayers: Phrases[] = [];
  if (config.phrases) {
    for (let layer = 0; layer < config.phrases.layers; layer += 1) {
      const phrases = Phrases.learn(texts, {
        minCount: config.phrases.minCount,
        threshold: config.phrases.threshold,
        delimiter: config.phrases.delimiter,
      });
      texts = texts.map((tokens) => phrases.apply(tokens));
      phraseLayers.push(phrases);
    }
  }
  ctx.progress?.({ stage: 'preprocess', fraction: 0.7, message: 'building the dictionary' });

  const dictionary = new Dictionary();
  dictionary.addDocuments(texts);
  const vocabularyBefore = dictionary.id2token.length;
  dictionary.filterExtremes(config.dictionary.noBelow, config.dictionary.noAbove, config.dictionary.keepN);

  const version = await writeVersion(ctx, {
    corpus: input.corpus,
    config,
    hash,
    digest,
    documentIds,
    texts,
    dictionary,
    phraseLayers,
    vocabularyBefore,
  });
  return summary(input.corpus, version, hash, digest, {
    created: true,
    vocabulary: dictionary.id2token.length,
    vocabularyBefore,
    phrases: phraseLayers.reduce((sum, layer) => sum + layer.phrasegrams.size, 0),
    started,
  });
}

interface VersionContent {
  corpus: string;
  config: PreprocessingConfig;
  hash: string;
  digest: string;
  documentIds: number[];
  texts: string[][];
  dictionary: Dictionary;
  phraseLayers: Phrases[];
  vocabularyBefore: number;
}

async function writeVersion(ctx: StageContext, content: VersionContent): Promise<PreprocessingVersionEntity> {
  const { ds } = ctx;
  await discardUnfinishedVersions(ds, content.corpus, content.hash, content.digest);
  const version = await allocateVersion(ds, content);
  const tokenRepo = ds.getRepository(DocumentTokensEntity);
  let tokenCount = 0;
  for (let start = 0; start < content.documentIds.length; start += WRITE_BATCH) {
    const rows = content.documentIds.slice(start, start + WRITE_BATCH).map((documentId, offset) => {
      const tokens = content.texts[start + offset];
      tokenCount += tokens.length;
      return { documentId, preprocessingVersionId: version.id, tokens, tokenCount: tokens.length };
    });
    await tokenRepo.insert(rows as QueryDeepPartialEntity<DocumentTokensEntity>[]);
    ctx.progress?.({
      stage: 'preprocess',
      fraction: 0.7 + 0.3 * ((start + rows.length) / content.documentIds.length),
      message: 'storing tokens',
    });
  }
  const payload: DictionaryPayload = {
    dictionary: content.dictionary.toJSON(),
    phrases: content.phraseLayers.map((layer) => layer.toJSON()),
    stats: {
      vocabulary_before_filtering: content.vocabularyBefore,
      phrases: content.phraseLayers.reduce((sum, layer) => sum + layer.phrasegrams.size, 0),
    },
  };
  await ds.getRepository(DictionaryEntity).insert({
    preprocessingVersionId: version.id,
    payload: { ...payload },
    numTerms: content.dictionary.id2token.length,
    numDocs: content.documentIds.length,
  });
  version.documentCount = content.documentIds.length;
  version.tokenCount = tokenCount;
  version.status = 'ready';
  await ds.getRepository(PreprocessingVersionEntity).save(version);
  return version;
}

/** Versions numbered 1, 2, … per corpus; a concurrent writer taking the same number makes us take the next. */
async function allocateVersion(ds: DataSource, content: VersionContent): Promise<PreprocessingVersionEntity> {
  const repo = ds.getRepository(PreprocessingVersionEntity);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const latest = await repo.findOne({ where: { corpus: content.corpus }, order: { version: 'DESC' } });
    const entity = repo.create({
      corpus: content.corpus,
      version: (latest?.version ?? 0) + 1,
      configHash: content.hash,
      corpusDigest: content.digest,
      config: { ...content.config },
      documentCount: 0,
      tokenCount: 0,
      status: 'building',
    });
    try {
      return await repo.save(entity);
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  throw new Error('could not allocate a pre-processing version');
}

async function discardUnfinishedVersions(ds: DataSource, corpus: string, hash: string, digest: string): Promise<void> {
  const repo = ds.getRepository(PreprocessingVersionEntity);
  const unfinished = await repo.find({ where: { corpus, configHash: hash, corpusDigest: digest, status: 'building' } });
  for (const version of unfinished) {
    await ds.transaction(async (manager) => {
      await manager.delete(DocumentTokensEntity, { preprocessingVersionId: version.id });
      await manager.delete(DictionaryEntity, { preprocessingVersionId: version.id });
      await manager.delete(PreprocessingVersionEntity, { id: version.id });
    });
  }
}

function summary(
  corpus: string,
  version: PreprocessingVersionEntity,
  hash: string,
  digest: string,
  extra: { created: boolean; vocabulary: number; vocabularyBefore: number; phrases: number; started: number },
): PreprocessSummary {
  return {
    corpus,
    preprocessing_version: version.version,
    created: extra.created,
    documents: version.documentCount,
    tokens: version.tokenCount,
    vocabulary: extra.vocabulary,
    vocabulary_before_filtering: extra.vocabularyBefore,
    phrases: extra.phrases,
    config_hash: hash,
    corpus_digest: digest,
    seconds: (Date.now() - extra.started) / 1000,
  };
}

function internString(pool: Map<string, string>, value: string): string {
  const known = pool.get(value);
  if (known !== undefined) return known;
  pool.set(value, value);
  return value;
}
