import { computeCoherence } from '@topicops/coherence';
import { LdaModel } from '@topicops/lda';
import { Dictionary } from '@topicops/nlp';

export function topicWords(model: LdaModel, dictionary: Dictionary, topn: number): string[][] {
  return Array.from({ length: model.numTopics }, (_, topic) =>
    model.topTerms(topic, topn).map(({ termId }) => dictionary.id2token[termId]),
  );
}

/** Mean coherence of the model's topics (top `topn` words each) on the texts, as gensim CoherenceModel. */
export function coherenceOf(
  measure: 'c_v' | 'u_mass' | 'c_npmi',
  model: LdaModel,
  dictionary: Dictionary,
  texts: string[][],
  topn: number,
): number {
  return computeCoherence(topicWords(model, dictionary, topn), texts, { measure, topn }).mean;
}
