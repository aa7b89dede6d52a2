import { Tensor2D, tf } from '../tensor/tf';

/**
 * exp(E[log β]) laid out term-major, [V + 1, K]: row w holds term w's weight in every topic, so one gather
 * fetches the columns a document needs. The extra last row is zeros: padding slots point at it.
 */
export class TopicColumns {
  private constructor(
    readonly tensor: Tensor2D,
    readonly numTopics: number,
    readonly numTerms: number,
  ) {}

  /** From term-major values: V×K, or (V+1)×K already padded. */
  static fromTermMajor(values: Float32Array, numTopics: number, numTerms: number): TopicColumns {
    const padded = values.length === (numTerms + 1) * numTopics ? values : new Float32Array((numTerms + 1) * numTopics);
    if (padded !== values) {
      if (values.length !== numTerms * numTopics) throw new Error(`topic columns need ${numTerms}×${numTopics} values, got ${values.length}`);
      padded.set(values);
    }
    return new TopicColumns(tf.tensor2d(padded, [numTerms + 1, numTopics]), numTopics, numTerms);
  }

  /** From a topic-major [K, V] tensor (left untouched). */
  static fromTopicMajor(topicMajor: Tensor2D): TopicColumns {
    const [numTopics, numTerms] = topicMajor.shape;
    const tensor = tf.tidy(() => tf.concat([tf.transpose(topicMajor), tf.zeros([1, numTopics])], 0) as Tensor2D);
    return new TopicColumns(tensor, numTopics, numTerms);
  }

  dispose(): void {
    this.tensor.dispose();
  }
}
