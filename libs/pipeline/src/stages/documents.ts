import { DocumentEntity, DocumentTokensEntity } from '@topicops/corpus';
import { DataSource } from 'typeorm';

export interface DocumentText {
  id: number;
  text: string;
}

/** Streams a corpus's documents in id order, a page at a time, so memory stays bounded. */
export async function* documentPages(ds: DataSource, corpus: string, pageSize = 500): AsyncGenerator<DocumentText[]> {
  let lastId = 0;
  for (;;) {
    const rows = await ds
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select(['d.id', 'd.text'])
      .where('d.corpus = :corpus AND d.id > :lastId', { corpus, lastId })
      .orderBy('d.id', 'ASC')
      .limit(pageSize)
      .getMany();
    if (rows.length) yield rows.map((row) => ({ id: row.id, text: row.text }));
    if (rows.length < pageSize) return;
    lastId = rows[rows.length - 1].id;
  }
}

export interface DocumentTokens {
  documentId: number;
  tokens: string[];
}

/** Streams the stored token lists of one pre-processing version in document id order. */
export async function* tokenPages(
  ds: DataSource,
  preprocessingVersionId: number,
  pageSize = 500,
): AsyncGenerator<DocumentTokens[]> {
  let lastId = 0;
  for (;;) {
    const rows = await ds
      .getRepository(DocumentTokensEntity)
      .createQueryBuilder('t')
      .select(['t.documentId', 't.tokens'])
      .where('t.preprocessingVersionId = :version AND t.documentId > :lastId', {
        version: preprocessingVersionId,
        lastId,
      })
      .orderBy('t.documentId', 'ASC')
      .limit(pageSize)
      .getMany();
    if (rows.length) yield rows.map((row) => ({ documentId: row.documentId, tokens: row.tokens }));
    if (rows.length < pageSize) return;
    lastId = rows[rows.length - 1].documentId;
  }
}

/**
 * The held-out split used for perplexity: a fixed, seed-free function of the document id, so training and
 * evaluation (possibly in different processes, days apart) agree on it without storing it.
 */
export function isHeldOut(documentId: number, fraction: number): boolean {
  if (fraction <= 0) return false;
  const mixed = Math.imul(documentId ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return (mixed ^ (mixed >>> 13)) % 10000 < fraction * 10000;
}
