import { PackedDocs, packedDocCount } from '../corpus/packed-docs';
import { FusedKernel } from '../simd/fused-kernel';
import { settleEmptyDocuments } from './empty-documents';
import { EStepCounts, EStepKernel, EStepSettings } from './estep-types';
import { runEStep } from './run-estep';
import { simdEStep } from './simd-estep';
import { TopicColumns } from './topic-columns';

export interface SessionEStepResult extends EStepCounts {
  gamma: Float32Array;
}

/**
 * A training thread's E-steps between two M-steps: the topics are installed once, the chunks' sufficient
 * statistics accumulate here (in the SIMD kernel's memory, or a float array for tfjs) and are taken once
 * per M-step.
 */
export class EStepSession {
  private topics?: TopicColumns;
  private readonly simdKernel?: FusedKernel;
  private statistics?: Float32Array;

  constructor(
    readonly kernel: EStepKernel,
    numTopics: number,
  ) {
    if (kernel === 'wasm-simd') this.simdKernel = new FusedKernel(numTopics);
  }

  setTopics(topics: TopicColumns): void {
    this.topics = topics;
    this.simdKernel?.setTopics(topics.values, topics.numTerms);
    this.statistics = undefined;
  }

  /** An E-step over `docs`, γ starting from `gammaInit` (documents × K). */
  run(docs: PackedDocs, gammaInit: Float32Array, settings: Omit<EStepSettings, 'kernel'>): SessionEStepResult {
    const topics = this.topics;
    if (!topics) throw new Error('E-step requested before the topics were set');
    if (gammaInit.length !== packedDocCount(docs) * topics.numTopics) {
      throw new Error(
        `starting γ has ${gammaInit.length} values for ${packedDocCount(docs)} documents × ${topics.numTopics} topics`,
      );
    }
    if (!this.simdKernel) {
      const result = runEStep(topics, docs, gammaInit, { ...settings, kernel: 'tfjs' });
      if (result.sstats) this.addStatistics(result.sstats);
      return { gamma: result.gamma, iterations: result.iterations, converged: result.converged };
    }
    const result: SessionEStepResult = {
      gamma: new Float32Array(packedDocCount(docs) * topics.numTopics),
      iterations: 0,
      converged: 0,
    };
    const nonEmpty = settleEmptyDocuments(docs, settings.alpha, settings.iterations, result.gamma, result);
    simdEStep(this.simdKernel, docs, nonEmpty, gammaInit, settings, result.gamma, result);
    return result;
  }

  /** The statistics (term-major V × K) since the topics were set or last taken; clears them. */
  takeStatistics(): Float32Array {
    const topics = this.topics;
    if (!topics) throw new Error('statistics requested before the topics were set');
    if (this.simdKernel) {
      const out = new Float32Array(topics.numTerms * topics.numTopics);
      this.simdKernel.takeStatistics(out);
      return out;
    }
    const out = this.statistics ?? new Float32Array(topics.numTerms * topics.numTopics);
    this.statistics = undefined;
    return out;
  }

  private addStatistics(stats: Float32Array): void {
    if (!this.statistics) this.statistics = stats;
    else for (let i = 0; i < stats.length; i++) this.statistics[i] += stats[i];
  }
}
