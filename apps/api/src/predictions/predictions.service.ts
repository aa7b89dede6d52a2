import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Prediction } from '@topicops/pipeline';
import { ApiMetrics } from '../metrics/api-metrics';
import { ChampionHolder } from '../serving/champion-holder';
import { ApiSettings } from '../app/api-settings';
import type { PredictRequestDto } from './predict-request.dto';
import type { PredictResponseDto, TextPredictionDto } from './predict-response.dto';
import { textsOf } from './prediction-input';

const DEFAULT_MINIMUM_PROBABILITY = 0.01;
const DEFAULT_TOP_WORDS = 10;

@Injectable()
export class PredictionsService {
  constructor(
    private readonly champion: ChampionHolder,
    private readonly metrics: ApiMetrics,
    private readonly settings: ApiSettings,
  ) {}

  async predict(body: PredictRequestDto): Promise<PredictResponseDto> {
    const texts = textsOf(body, this.settings);
    // Taken once: a hot reload during this request does not change the model that answers it.
    const serving = this.champion.current();
    if (!serving) throw new ServiceUnavailableException(noModelMessage(this.champion));
    const predictions = await serving.predict(texts, {
      minimumProbability: body.minimumProbability ?? DEFAULT_MINIMUM_PROBABILITY,
      topWords: body.topWords ?? DEFAULT_TOP_WORDS,
    });
    this.metrics.predictions.inc({ model_version: serving.version }, texts.length);
    return {
      model: { name: serving.bundle.info.name, version: serving.version },
      predictions: predictions.map(toTextPrediction),
    };
  }
}

function toTextPrediction(prediction: Prediction): TextPredictionDto {
  return {
    topics: prediction.topics.map(({ topic, probability }) => ({ topic, probability, words: prediction.top_words[topic] ?? [] })),
    dominantTopic: prediction.dominant_topic,
    tokens: prediction.tokens,
  };
}

export function noModelMessage(champion: ChampionHolder): string {
  const status = champion.status();
  if (status.lastFailure) return `No model is being served: version ${status.lastFailure.version} failed to load (${status.lastFailure.reason})`;
  if (status.loading) return `No model is being served yet: version ${status.loading} is loading`;
  if (!status.trackingReachable && status.trackingError) return `No model is being served: the model registry is unreachable (${status.trackingError})`;
  return 'No model is being served yet: no version has been promoted to champion';
}
