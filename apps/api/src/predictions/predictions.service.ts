import { Injectable } from '@nestjs/common';
import { ApiMetrics } from '../metrics/api-metrics';
import { ChampionHolder } from '../serving/champion-holder';
import { modelRef, servedModel } from '../serving/served-model';
import { ApiSettings } from '../app/api-settings';
import { DEFAULT_MINIMUM_PROBABILITY, DEFAULT_TOP_WORDS, PredictRequestDto } from './predict-request.dto';
import type { PredictResponseDto } from './predict-response.dto';
import { toTextPrediction } from './text-prediction';
import { textsOf } from './prediction-input';

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
    const serving = servedModel(this.champion);
    const predictions = await serving.predict(texts, {
      minimumProbability: body.minimumProbability ?? DEFAULT_MINIMUM_PROBABILITY,
      topWords: body.topWords ?? DEFAULT_TOP_WORDS,
    });
    this.metrics.predictions.inc({ model_version: serving.version }, texts.length);
    return {
      model: modelRef(serving),
      predictions: predictions.map(toTextPrediction),
    };
  }
}
