import type { Prediction } from '@topicops/pipeline';
import type { TextPredictionDto } from './predict-response.dto';

/** The REST shape of one text's prediction: each topic carries its own top words. */
export function toTextPrediction(prediction: Prediction): TextPredictionDto {
  return {
    topics: prediction.topics.map(({ topic, probability }) => ({ topic, probability, words: prediction.top_words[topic] ?? [] })),
    dominantTopic: prediction.dominant_topic,
    tokens: prediction.tokens,
  };
}
