import { createHash } from 'node:crypto';
import { DocumentEntity } from '@topicops/corpus';
import { DataSource } from 'typeorm';

/**
 * A digest of a corpus's current content: documents' ids and content hashes in id order. Any added,
 * removed or changed document changes it; it names the data a model was trained on (MLflow log-inputs).
 */
export async function corpusDigest(ds: DataSource, corpus: string): Promise<{ digest: string; documents: number }> {
  const hash = createHash('sha256');
  let documents = 0;
  const pageSize = 5000;
  let lastId = 0;
  for (;;) {
    const rows = await ds
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select(['d.id', 'd.contentHash'])
      .where('d.corpus = :corpus AND d.id > :lastId', { corpus, lastId })
      .orderBy('d.id', 'ASC')
      .limit(pageSize)
      .getMany();
    for (const row of rows) hash.update(`${row.id}:${row.contentHash}\n`);
    documents += rows.length;
    if (rows.length < pageSize) break;
    lastId = rows[rows.length - 1].id;
  }
  return { digest: hash.digest('hex'), documents };
}
