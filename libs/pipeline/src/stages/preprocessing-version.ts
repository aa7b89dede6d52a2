import { UsageError } from '@topicops/config';
import { DictionaryEntity, PreprocessingVersionEntity } from '@topicops/corpus';
import { Dictionary, Phrases, PreprocessingConfig } from '@topicops/nlp';
import { DataSource } from 'typeorm';
import { DictionaryPayload } from '../serving/model-bundle';

export interface LoadedPreprocessing {
  entity: PreprocessingVersionEntity;
  config: PreprocessingConfig;
  dictionary: Dictionary;
  phrases: Phrases[];
}

/** A complete pre-processing version (the latest of the corpus unless a number is given) with its dictionary. */
export async function loadPreprocessingVersion(
  ds: DataSource,
  corpus: string,
  version?: number,
): Promise<LoadedPreprocessing> {
  const repo = ds.getRepository(PreprocessingVersionEntity);
  const entity = await repo.findOne({
    where: version === undefined ? { corpus, status: 'ready' } : { corpus, version, status: 'ready' },
    order: { version: 'DESC' },
  });
  if (!entity) {
    throw new UsageError(
      version === undefined
        ? `corpus "${corpus}" has no pre-processed version: run preprocess first`
        : `corpus "${corpus}" has no complete pre-processing version ${version}`,
    );
  }
  const stored = await ds.getRepository(DictionaryEntity).findOneByOrFail({ preprocessingVersionId: entity.id });
  const payload = stored.payload as unknown as DictionaryPayload;
  return {
    entity,
    config: entity.config as unknown as PreprocessingConfig,
    dictionary: Dictionary.fromJSON(payload.dictionary),
    phrases: payload.phrases.map((layer) => Phrases.fromJSON(layer)),
  };
}
