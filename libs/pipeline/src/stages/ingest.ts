import { IngestOptions, IngestSummary, ingest } from '@topicops/corpus';
import { StageContext } from '../context';

export type IngestInput = IngestOptions;

/** Loads a source into the corpus (idempotent: unchanged documents are not written again). */
export async function runIngest(ctx: StageContext, input: IngestInput): Promise<IngestSummary> {
  return ingest(ctx.ds, input, (progress) =>
    ctx.progress?.({
      stage: 'ingest',
      fraction: progress.bytesTotal ? progress.bytesDone / progress.bytesTotal : 0,
      message: `${progress.filesDone} files, ${(progress.bytesDone / 1e6).toFixed(1)} MB`,
    }),
  );
}
