import { TopicColumns } from '../estep/topic-columns';
import { TrainingTopics } from './training-topics';
import { updateDirichletPrior } from '../math/dirichlet-prior';
import { dirichletExpectationRowsOp, expDirichletExpectationRowsOp } from '../tensor/digamma-op';
import { Tensor2D, tf } from '../tensor/tf';

/**
 * The variational topic parameters λ = η + sstats as gensim's LdaState keeps them, on tfjs tensors:
 * sstats [K, V] and exp(E[log β]) [K, V]. The M-step blends a chunk's statistics into them.
 */
export class TopicState implements TrainingTopics {
  private sstats: Tensor2D;
  private expElogbeta: Tensor2D;
  private etaRow: Tensor2D;

  constructor(
    readonly numTopics: number,
    readonly numTerms: number,
    private eta: Float64Array,
    initialSstats: Float32Array,
    private readonly optimizeEta: boolean,
  ) {
    this.sstats = tf.tensor2d(initialSstats, [numTopics, numTerms]);
    this.etaRow = tf.tensor2d(Float32Array.from(eta), [1, numTerms]);
    // gensim's first E-step uses exp(E[log β]) of the random statistics alone, without η.
    this.expElogbeta = expDirichletExpectationRowsOp(this.sstats);
  }

  get currentEta(): Float64Array {
    return this.eta;
  }

  /** exp(E[log β]) term-major, (V + 1) × K with a zero padding row, for the E-step. */
  columns(): TopicColumns {
    const padded = tf.tidy(() => tf.concat([tf.transpose(this.expElogbeta), tf.zeros([1, this.numTopics])], 0));
    try {
      return new TopicColumns(padded.dataSync() as Float32Array, this.numTopics, this.numTerms);
    } finally {
      padded.dispose();
    }
  }

  /**
   * gensim's do_mstep: sstats ← (1 − ρ)·sstats + ρ·(D / n)·(chunk statistics ⊙ exp(E[log β])), then
   * exp(E[log β]) from λ = η + sstats, then (eta='auto') one Newton step on η.
   * `chunkStats` is the E-step's term-major V×K accumulation over `chunkDocs` documents.
   */
  blend(rho: number, chunkStats: Float32Array, chunkDocs: number, totalDocs: number): void {
    const scale = chunkDocs > 0 && chunkDocs !== totalDocs ? totalDocs / chunkDocs : 1;
    // Step by step with early disposal: at K×V = 100 × 50 000 every intermediate is 20 MB.
    const termMajor = tf.tensor2d(chunkStats, [this.numTerms, this.numTopics]);
    const topicMajor = tf.transpose(termMajor);
    termMajor.dispose();
    const incoming = tf.mul(topicMajor, this.expElogbeta);
    topicMajor.dispose();
    const weighted = tf.mul(incoming, rho * scale);
    incoming.dispose();
    const kept = tf.mul(this.sstats, 1 - rho);
    this.sstats.dispose();
    this.sstats = tf.add(kept, weighted) as Tensor2D;
    tf.dispose([kept, weighted]);

    const lambda = tf.add(this.sstats, this.etaRow);
    this.expElogbeta.dispose();
    if (!this.optimizeEta) {
      this.expElogbeta = expDirichletExpectationRowsOp(lambda as Tensor2D);
      lambda.dispose();
      return;
    }
    const elogbeta = dirichletExpectationRowsOp(lambda);
    lambda.dispose();
    this.expElogbeta = tf.exp(elogbeta) as Tensor2D;
    const mean = tf.mean(elogbeta, 0);
    elogbeta.dispose();
    const logPHat = Float64Array.from(mean.dataSync());
    mean.dispose();
    this.eta = updateDirichletPrior(this.eta, this.numTopics, logPHat, rho);
    this.etaRow.dispose();
    this.etaRow = tf.tensor2d(Float32Array.from(this.eta), [1, this.numTerms]);
  }

  /** λ = η + sstats, topic-major K×V. */
  lambda(): Float32Array {
    const lambda = tf.add(this.sstats, this.etaRow);
    try {
      return lambda.dataSync() as Float32Array;
    } finally {
      lambda.dispose();
    }
  }

  dispose(): void {
    tf.dispose([this.sstats, this.expElogbeta, this.etaRow]);
  }
}
