import { TopicColumns } from '../estep/topic-columns';
import { dirichletExpectationRowsOp } from '../tensor/digamma-op';
import { tf } from '../tensor/tf';

/** What inference and the bound need from λ, derived once per model (host memory). */
export interface TopicTables {
  /** exp(E[log β]) term-major with padding row, for the E-step. */
  expColumns: TopicColumns;
  /** E[log β] term-major with padding row, for the bound. */
  elogColumns: TopicColumns;
  /** E[log β] topic-major K×V. */
  elogbeta: Float32Array;
}

/** E[log β] = ψ(λ) − ψ(Σ_w λ) computed on tfjs tensors, then laid out for inference. */
export function buildTopicTables(lambda: Float32Array, numTopics: number, numTerms: number): TopicTables {
  const [elogbeta, elogT, expT] = tf.tidy(() => {
    const elog = dirichletExpectationRowsOp(tf.tensor2d(lambda, [numTopics, numTerms]));
    const padding = tf.zeros([1, numTopics]);
    const transposed = tf.transpose(elog);
    return [elog, tf.concat([transposed, padding], 0), tf.concat([tf.exp(transposed), padding], 0)];
  });
  try {
    return {
      expColumns: new TopicColumns(expT.dataSync() as Float32Array, numTopics, numTerms),
      elogColumns: new TopicColumns(elogT.dataSync() as Float32Array, numTopics, numTerms),
      elogbeta: elogbeta.dataSync() as Float32Array,
    };
  } finally {
    tf.dispose([elogbeta, elogT, expT]);
  }
}
