import { computeCoherence } from '@topicops/coherence';
import { LdaModel } from '@topicops/lda';
import { Dictionary } from '@topicops/nlp';

/** gensim CoherenceModel's default topn, which the reference workflow's KPI threshold was set with. */
export const KPI_TOPN = 20;

export function topicWords(model: LdaModel, dictionary: Dictionary, topn = KPI_TOPN): string[][] {
  return Array.from({ length: model.numTopics }, (_, topic) =>
    model.topTerms(topic, topn).map(({ termId }) => dictionary.id2token[termId]),
  );
}

export function coherenceOf(
  measure: 'c_v' | 'u_mass' | 'c_npmi',
  model: LdaModel,
  dictionary: Dictionary,
  texts: string[][],
): number {
  return computeCoherence(topicWords(model, dictionary), texts, { measure, topn: KPI_TOPN }).mean;
}
