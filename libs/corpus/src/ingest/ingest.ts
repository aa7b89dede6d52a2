import { DataSource } from 'typeorm';
import { IngestionRunEntity } from '../entities';
import { BatchQueue } from './batch-queue';
import { BatchOutcome, DocumentWriter } from './document-writer';
import { corpusName, openSource } from './open-source';
import { prepareDocument } from './prepare-document';
import { IngestOptions, IngestProgress, IngestRejection, IngestSummary } from './types';
import { writeLimits } from './write-limits';

/** Rejections listed in the summary; the rest are counted, and all are in ingestion_errors. */
export const MAX_LISTED_REJECTIONS = 1000;

class Tally {
  added = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  readonly listed: IngestRejection[] = [];

  record = (outcome: BatchOutcome): void => {
    this.added += outcome.added;
    this.updated += outcome.updated;
    this.unchanged += outcome.unchanged;
    this.rejected += outcome.rejections.length;
    for (const { sourceId, reason, message } of outcome.rejections) {
      if (this.listed.length < MAX_LISTED_REJECTIONS) this.listed.push({ source: sourceId, reason, message });
    }
  };
}

/**
 * Loads a corpus into `documents`, idempotently: a source already stored with the same content hash is left
 * alone, a changed one is updated, a new one added. Sources that cannot be loaded are recorded in
 * ingestion_errors with a reason and never stop the rest. Streams with bounded memory whatever the size.
 * Bad options throw UsageError; database failures mark the run failed and are rethrown.
 */
export async function ingest(
  ds: DataSource,
  options: IngestOptions,
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestSummary> {
  const startedAt = new Date();
  const started = performance.now();
  const limits = await writeLimits(ds, options.maxDocumentBytes);
  const source = await openSource(options, limits.maxDocumentBytes);
  const corpus = corpusName(options, source);

  const runs = ds.getRepository(IngestionRunEntity);
  const run = await runs.save(
    runs.create({
      corpus,
      source: source.description,
      format: source.format,
      status: 'running',
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      bytes: 0,
      seconds: 0,
      startedAt,
      finishedAt: null,
    }),
  );
  const tally = new Tally();
  const queue = new BatchQueue(new DocumentWriter(ds, corpus, run.id), limits, tally.record);
  const totals = () => ({
    added: tally.added,
    updated: tally.updated,
    unchanged: tally.unchanged,
    rejected: tally.rejected,
    bytes: source.bytesRead(),
    seconds: (performance.now() - started) / 1000,
  });

  try {
    let filesDone = 0;
    for await (const item of source.items()) {
      if (item.kind === 'rejection') await queue.reject(item);
      else {
        const prepared = prepareDocument(item.draft, limits.maxDocumentBytes);
        if (prepared.ok) await queue.add(prepared.document);
        else await queue.reject(prepared.rejection);
      }
      filesDone++;
      onProgress?.({ filesDone, bytesDone: source.bytesRead(), bytesTotal: source.bytesTotal() });
    }
    await queue.finish();
  } catch (error) {
    await queue.settle();
    await runs.update(run.id, { ...totals(), status: 'failed', finishedAt: new Date() }).catch(() => undefined);
    throw error;
  }

  const final = totals();
  await runs.update(run.id, { ...final, status: 'succeeded', finishedAt: new Date() });
  return { corpus, format: source.format, ingestion_run_id: run.id, ...final, rejections: tally.listed };
}

/** The CLI's exit code for a summary: 0 when something loaded (added, updated or already there), 2 when nothing did. */
export function ingestExitCode(summary: IngestSummary): 0 | 2 {
  return summary.added + summary.updated + summary.unchanged > 0 ? 0 : 2;
}
