import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { UsageError } from '@topicops/config';
import { DataSource } from 'typeorm';
import { IngestionRunEntity } from '../entities';
import { BatchLimits, BatchQueue } from './batch-queue';
import { chroniclItalySource } from './chroniclitaly-source';
import { csvSource } from './csv-source';
import { BatchOutcome, DocumentWriter, PreparedDocument, RejectedSource } from './document-writer';
import { jsonlSource } from './jsonl-source';
import { readPublications } from './publications';
import { resolveFields } from './record-document';
import { sotuSource } from './sotu-source';
import { textStats } from './text-stats';
import { DocumentDraft, IngestOptions, IngestProgress, IngestRejection, IngestSource, IngestSummary } from './types';

/** Rejections listed in the summary; the rest are counted, and all are in ingestion_errors. */
export const MAX_LISTED_REJECTIONS = 1000;
const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 8;
const BATCH_ROWS = 200;
const SQLITE_BATCH_BYTES = 16 * 1024 * 1024;
const MYSQL_BATCH_BYTES = 4 * 1024 * 1024;
const FORMATS = ['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const;

interface WriteLimits extends BatchLimits {
  maxDocumentBytes: number;
}

/** Batches and documents must fit in one MySQL packet, escaped (which can double a text) with room to spare. */
async function writeLimits(ds: DataSource, requestedMaxDocumentBytes: number | undefined): Promise<WriteLimits> {
  const maxDocumentBytes = requestedMaxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (!Number.isInteger(maxDocumentBytes) || maxDocumentBytes < 1)
    throw new UsageError('maxDocumentBytes must be a positive integer');
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') {
    return { maxRows: BATCH_ROWS, maxBytes: SQLITE_BATCH_BYTES, maxDocumentBytes };
  }
  const [row] = (await ds.query('SELECT @@max_allowed_packet AS packet')) as Array<{ packet: number | string }>;
  const third = Math.floor(Number(row?.packet ?? 16 * 1024 * 1024) / 3);
  return {
    maxRows: BATCH_ROWS,
    maxBytes: Math.min(MYSQL_BATCH_BYTES, third),
    maxDocumentBytes: Math.min(maxDocumentBytes, third),
  };
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function corpusName(options: IngestOptions, source: IngestSource): string {
  const name = (
    options.corpus ?? (source.format === 'sotu' ? 'sotu' : basename(options.source, extname(options.source)))
  ).trim();
  if (!name || name.length > 128 || hasControlCharacters(name)) {
    throw new UsageError(`corpus name "${name}" must be 1 to 128 printable characters`);
  }
  return name;
}

async function openSource(options: IngestOptions, maxDocumentBytes: number): Promise<IngestSource> {
  const format = options.format ?? 'auto';
  if (!FORMATS.includes(format)) throw new UsageError(`format "${String(format)}" is not one of ${FORMATS.join(', ')}`);
  const path = resolve(options.source);
  if (format === 'sotu' || (format === 'auto' && options.source.toLowerCase() === 'sotu' && !existsSync(path)))
    return sotuSource();

  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new UsageError(`source ${options.source} does not exist (give a folder, a .csv/.tsv/.jsonl file, or "sotu")`);
  if (info.isDirectory()) {
    if (format !== 'auto' && format !== 'chroniclitaly')
      throw new UsageError(`source ${options.source} is a folder, not a ${format} file`);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new UsageError('concurrency must be a positive integer');
    return chroniclItalySource({
      root: path,
      publications: options.publications ? readPublications(options.publications) : new Map(),
      concurrency,
      maxDocumentBytes,
      exclude: options.publications ? [options.publications] : [],
    });
  }
  if (format === 'chroniclitaly')
    throw new UsageError(`source ${options.source} is a file; the ChroniclItaly format reads a folder`);
  const extension = extname(path).toLowerCase();
  const fields = resolveFields(options.fields);
  if (format === 'jsonl' || (format === 'auto' && (extension === '.jsonl' || extension === '.ndjson')))
    return jsonlSource(path, fields, info.size);
  if (format === 'csv' || (format === 'auto' && (extension === '.csv' || extension === '.tsv'))) {
    return csvSource(path, fields, info.size, extension === '.tsv' ? '\t' : ',');
  }
  throw new UsageError(
    `cannot tell the format of ${options.source}: use a .csv, .tsv, .jsonl or .ndjson file, or name the format`,
  );
}

/** Share of control characters above which a text is taken for binary data. */
const MAX_CONTROL_SHARE = 0.1;

type Prepared = { ok: true; document: PreparedDocument } | { ok: false; rejection: RejectedSource };

function prepare(draft: DocumentDraft, maxDocumentBytes: number): Prepared {
  const utf8 = draft.utf8 ?? Buffer.from(draft.text, 'utf8');
  const reject = (reason: RejectedSource['reason'], message: string): Prepared => ({
    ok: false,
    rejection: { sourceId: draft.sourceId, reason, message },
  });
  if (utf8.length > maxDocumentBytes)
    return reject('too_large', `${utf8.length} bytes of text is more than the limit of ${maxDocumentBytes}`);
  const stats = textStats(draft.text, utf8);
  if (stats.controlCount > MAX_CONTROL_SHARE * stats.charCount)
    return reject('binary', 'the text is mostly control characters: binary data, not text');
  const { utf8: _bytes, ...fields } = draft;
  return { ok: true, document: { ...fields, ...stats, byteLength: utf8.length } };
}

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
        const prepared = prepare(item.draft, limits.maxDocumentBytes);
        if (prepared.ok) await queue.add(prepared.document);
        else await queue.reject(prepared.rejection);
      }
      filesDone++;
      onProgress?.({ filesDone, bytesDone: source.bytesRead(), bytesTotal: source.bytesTotal });
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
