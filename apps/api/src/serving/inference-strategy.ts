import type { ModelBundle, Prediction } from '@topicops/pipeline';
import { PredictFn, PredictionBatcher } from './prediction-batcher';

/** tfjs's native backend: the only one where one tensor E-step over many documents beats the JS loop. */
const NATIVE_BACKEND = 'tensorflow';

/**
 * How requests reach the model. Where tfjs runs natively, requests of the same event-loop turn are
 * micro-batched into one tensor E-step (one dispatch instead of one per request). On the wasm and cpu
 * backends a tensor op costs more than the plain-JS single-document loop, so every text goes straight to
 * the JS fast path (ModelBundle.predict of one text) and each request is answered as soon as its own
 * texts are done. Call after a first prediction, which settles the backend.
 */
export function servingPredictor(bundle: ModelBundle, maxBatchTexts: number): PredictFn {
  if (bundle.model.backend === NATIVE_BACKEND) {
    const batcher = new PredictionBatcher((texts, options) => bundle.predict(texts, options), maxBatchTexts);
    return (texts, options) => batcher.predict(texts, options);
  }
  return async (texts, options) => {
    if (texts.length === 1) return bundle.predict(texts, options);
    const predictions: Prediction[] = [];
    for (const text of texts) predictions.push(...(await bundle.predict([text], options)));
    return predictions;
  };
}
