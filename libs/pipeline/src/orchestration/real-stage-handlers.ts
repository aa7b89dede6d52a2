import { UsageError } from '@topicops/config';
import { StageContext } from '../context';
import { runEvaluate } from '../stages/evaluate';
import { runIngest } from '../stages/ingest';
import { runPreprocess } from '../stages/preprocess';
import { runTrain } from '../stages/train';
import { StageHandlers, StageInvocation, StageRuntime } from './stage-handlers';

/** The production stage handlers: the same stage functions the CLI runs, fed from the job data. */
export function realStageHandlers(base: StageContext): StageHandlers {
  const contextFor = (invocation: StageInvocation, runtime: StageRuntime): StageContext => ({
    ...base,
    logger: runtime.logger,
    signal: runtime.signal,
    progress: (progress) => runtime.progress(progress.fraction, progress.message),
  });
  return {
    ingest: async (invocation, runtime) => {
      const { params, corpus } = invocation;
      if (!params.source) return { corpus, skipped: true, reason: 'no source: the stored corpus is used as it is' };
      return {
        ...(await runIngest(contextFor(invocation, runtime), {
          source: params.source,
          corpus,
          format: params.format,
          publications: params.publications,
        })),
      };
    },
    preprocess: async (invocation, runtime) => ({
      ...(await runPreprocess(contextFor(invocation, runtime), {
        corpus: invocation.corpus,
        stopwordsFile: invocation.params.stopwordsFile,
      })),
    }),
    train: async (invocation, runtime) => {
      const preprocessingVersion = invocation.upstream?.['preprocessing_version'];
      if (typeof preprocessingVersion !== 'number')
        throw new UsageError('the preprocess stage reported no preprocessing_version');
      const { candidate } = invocation;
      return {
        ...(await runTrain(contextFor(invocation, runtime), {
          corpus: invocation.corpus,
          preprocessingVersion,
          topics: candidate.topics,
          lda: { passes: candidate.passes, randomState: candidate.seed, ...invocation.params.lda },
          pipelineRunId: invocation.pipelineRunId,
          attempt: invocation.attempt,
        })),
      };
    },
    evaluate: async (invocation, runtime) => {
      const modelVersion = invocation.upstream?.['model_version'];
      if (typeof modelVersion !== 'string') throw new UsageError('the train stage reported no model_version');
      return {
        ...(await runEvaluate(contextFor(invocation, runtime), {
          modelVersion,
          pipelineRunId: invocation.pipelineRunId,
        })),
      };
    },
  };
}
