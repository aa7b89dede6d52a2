import { DataSource, EntityManager, In } from 'typeorm';
import { InsertRow, bulkInsert } from '../database/bulk-insert';
import { DocumentEntity, IngestionErrorEntity, IngestionErrorReason } from '../entities';
import type { TextStats } from './text-stats';
import type { DocumentDraft } from './types';

export type PreparedDocument = DocumentDraft & TextStats;

export interface RejectedSource {
  sourceId: string;
  reason: IngestionErrorReason;
  message: string;
}

export interface BatchOutcome {
  added: number;
  updated: number;
  unchanged: number;
  /** Sources not stored (as given, plus records whose id this run already stored). */
  rejections: RejectedSource[];
}

/** Columns a changed source overwrites; created_at keeps the first ingestion's time. */
const UPDATED_COLUMNS = [
  'source_path',
  'publication_ref',
  'publication_name',
  'date',
  'year',
  'text',
  'content_hash',
  'char_count',
  'word_count',
  'metadata',
  'ingestion_run_id',
  'updated_at',
];

/**
 * Writes one batch in one transaction: looks up the stored hashes of the batch's source ids, then inserts
 * the new documents and overwrites the changed ones with a single multi-row upsert, and records the
 * rejections. Unchanged documents are not touched.
 */
export class DocumentWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly corpus: string,
    private readonly ingestionRunId: number,
  ) {}

  write(documents: PreparedDocument[], rejections: RejectedSource[]): Promise<BatchOutcome> {
    return this.ds.transaction((manager) => this.writeIn(manager, documents, rejections));
  }

  private async writeIn(
    manager: EntityManager,
    documents: PreparedDocument[],
    rejected: RejectedSource[],
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { added: 0, updated: 0, unchanged: 0, rejections: [...rejected] };
    const unique = new Map<string, PreparedDocument>();
    for (const document of documents) {
      if (unique.has(document.sourceId)) outcome.rejections.push(duplicate(document));
      else unique.set(document.sourceId, document);
    }

    const stored = unique.size
      ? await manager.find(DocumentEntity, {
          select: { sourceId: true, contentHash: true, ingestionRunId: true },
          where: { corpus: this.corpus, sourceId: In([...unique.keys()]) },
        })
      : [];
    const storedById = new Map(stored.map((row) => [row.sourceId, row]));

    const now = new Date();
    const rows: DocumentRow[] = [];
    for (const document of unique.values()) {
      const existing = storedById.get(document.sourceId);
      if (existing?.ingestionRunId === this.ingestionRunId) outcome.rejections.push(duplicate(document));
      else if (existing?.contentHash === document.contentHash) outcome.unchanged++;
      else {
        if (existing) outcome.updated++;
        else outcome.added++;
        rows.push(this.toRow(document, now));
      }
    }

    await bulkInsert(manager, DocumentEntity, rows, {
      updateOnConflict: { conflictColumns: ['corpus', 'source_id'], updateColumns: UPDATED_COLUMNS },
    });
    await bulkInsert(
      manager,
      IngestionErrorEntity,
      outcome.rejections.map((rejection) => ({
        ingestionRunId: this.ingestionRunId,
        corpus: this.corpus,
        sourceId: rejection.sourceId,
        reasonCode: rejection.reason,
        message: rejection.message,
        createdAt: now,
      })),
    );
    return outcome;
  }

  private toRow(document: PreparedDocument, now: Date): DocumentRow {
    return {
      corpus: this.corpus,
      sourceId: document.sourceId,
      sourcePath: document.sourcePath,
      publicationRef: document.publicationRef,
      publicationName: document.publicationName,
      date: document.date,
      year: document.year,
      text: document.content,
      contentHash: document.contentHash,
      charCount: document.charCount,
      wordCount: document.wordCount,
      metadata: document.metadata,
      ingestionRunId: this.ingestionRunId,
      createdAt: now,
      updatedAt: now,
    };
  }
}

type DocumentRow = InsertRow<DocumentEntity>;

function duplicate(document: PreparedDocument): RejectedSource {
  return {
    sourceId: document.sourceId,
    reason: 'duplicate_id',
    message: 'another record of this source has the same id',
  };
}
