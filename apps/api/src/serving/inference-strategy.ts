import type { ModelBundle, PredictOptions, Prediction } from '@topicops/pipeline';

/**
 * How a micro-batch reaches the model. A batch goes through the tensor E-step in one call only where
 * tfjs runs natively ('tensorflow'): there one dispatch for many documents is the saving. On the wasm and
 * cpu backends the per-op cost of tensors is higher than the plain-JS single-document loop, so each text
 * takes the JS fast path (ModelBundle.predict of one text), one after the other.
 */
export function batchPredictor(bundle: ModelBundle): (texts: string[], options: Required<PredictOptions>) => Promise<Prediction[]> {
  return async (texts, options) => {
    if (texts.length === 1 || bundle.model.backend === 'tensorflow') return bundle.predict(texts, options);
    const predictions: Prediction[] = [];
    for (const text of texts) predictions.push(...(await bundle.predict([text], options)));
    return predictions;
  };
}
