import type { Utf8Text } from '../database/utf8-text';
import type { DocumentMetadata, IngestionErrorReason, IngestionFormat } from '../entities';

export interface IngestFields {
  /** Field holding the text (default 'text'). */
  text?: string;
  /** Field holding the date (default 'date'): YYYY-MM-DD, an ISO timestamp, YYYY-MM or YYYY. */
  date?: string;
  /** Field holding the record's stable id (default 'id'); without one, the record number is used. */
  id?: string;
  /** Field holding the publication name (none by default). */
  publication?: string;
  /** Fields kept in `metadata`; by default every field not used above, so nothing is dropped. */
  metadata?: string[];
}

export interface IngestOptions {
  /** A folder (ChroniclItaly layout), a .csv/.tsv or .jsonl/.ndjson file, or `sotu`. */
  source: string;
  /** Corpus name (default: `sotu`, or the source's base name). */
  corpus?: string;
  format?: 'auto' | IngestionFormat;
  /** CSV `lccn,title` naming the publications of a ChroniclItaly tree. */
  publications?: string;
  fields?: IngestFields;
  /** Files read at once (default 8). */
  concurrency?: number;
  /** Largest document accepted, in bytes (default 8 MiB; on MySQL also at most a third of max_allowed_packet). */
  maxDocumentBytes?: number;
}

export interface IngestProgress {
  /** Files (or records) processed so far, loaded or rejected. */
  filesDone: number;
  bytesDone: number;
  /** Known from the start for single files; for folders once a quick scan of the sizes is done. */
  bytesTotal?: number;
}

export interface IngestRejection {
  source: string;
  reason: IngestionErrorReason;
  message: string;
}

export interface IngestSummary {
  corpus: string;
  format: IngestionFormat;
  ingestion_run_id: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejections (at most MAX_LISTED_REJECTIONS); all of them are in ingestion_errors. */
  rejections: IngestRejection[];
  bytes: number;
  seconds: number;
}

/** What a source found: a document ready to store, or a reason it could not be one. */
export type SourceItem =
  | { kind: 'document'; draft: DocumentDraft }
  | { kind: 'rejection'; sourceId: string; reason: IngestionErrorReason; message: string };

export interface DocumentDraft {
  sourceId: string;
  sourcePath: string;
  publicationRef: string | null;
  publicationName: string | null;
  date: string | null;
  year: number | null;
  content: Utf8Text;
  metadata: DocumentMetadata | null;
}

export interface IngestSource {
  format: IngestionFormat;
  /** Recorded in ingestion_runs.source. */
  description: string;
  /** Total bytes to read, when known (it may become known while items() runs). */
  bytesTotal(): number | undefined;
  /** Bytes of source data read so far; complete once items() is exhausted. */
  bytesRead(): number;
  items(): AsyncIterable<SourceItem>;
}

export function rejection(sourceId: string, reason: IngestionErrorReason, message: string): SourceItem {
  return { kind: 'rejection', sourceId, reason, message };
}
