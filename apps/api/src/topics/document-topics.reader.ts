import { DocumentEntity, DocumentTopicsEntity } from '@topicops/corpus';
import type { DataSource } from 'typeorm';
import type { TopicRow } from './topic-aggregates';

interface RawTopicRow {
  document_id: number | string;
  theta: string;
  weight: number | string;
  year: number | string | null;
  publication_ref: string | null;
  publication_name: string | null;
}

const PAGE_SIZE = 2000;

/** Streams one model version's document_topics rows with their documents' year and publication, in id order. */
export async function* documentTopicRows(ds: DataSource, modelName: string, modelVersion: string): AsyncGenerator<TopicRow[]> {
  let lastId = 0;
  for (;;) {
    const raw = await ds
      .getRepository(DocumentTopicsEntity)
      .createQueryBuilder('dt')
      .innerJoin(DocumentEntity, 'd', 'd.id = dt.documentId')
      .select('dt.documentId', 'document_id')
      .addSelect('dt.theta', 'theta')
      .addSelect('dt.weight', 'weight')
      .addSelect('d.year', 'year')
      .addSelect('d.publicationRef', 'publication_ref')
      .addSelect('d.publicationName', 'publication_name')
      .where('dt.modelName = :modelName AND dt.modelVersion = :modelVersion AND dt.documentId > :lastId', {
        modelName,
        modelVersion,
        lastId,
      })
      .orderBy('dt.documentId', 'ASC')
      .limit(PAGE_SIZE)
      .getRawMany<RawTopicRow>();
    if (raw.length) yield raw.map(toTopicRow);
    if (raw.length < PAGE_SIZE) return;
    lastId = Number(raw[raw.length - 1].document_id);
  }
}

function toTopicRow(raw: RawTopicRow): TopicRow {
  return {
    documentId: Number(raw.document_id),
    theta: parseTheta(raw.theta),
    weight: Number(raw.weight),
    year: raw.year === null ? null : Number(raw.year),
    publicationRef: raw.publication_ref,
    publicationName: raw.publication_name,
  };
}

function parseTheta(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map(Number) : [];
}

export interface DocumentSummary {
  id: number;
  corpus: string;
  sourceId: string;
  date: string | null;
  year: number | null;
  publication: { ref: string | null; name: string | null };
  excerpt: string;
}

const EXCERPT_CHARS = 240;

export function summaryOf(document: DocumentEntity): DocumentSummary {
  const text = document.text.replace(/\s+/g, ' ').trim();
  return {
    id: document.id,
    corpus: document.corpus,
    sourceId: document.sourceId,
    date: document.date,
    year: document.year,
    publication: { ref: document.publicationRef, name: document.publicationName },
    excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
  };
}

export async function documentSummaries(ds: DataSource, ids: number[]): Promise<Map<number, DocumentSummary>> {
  if (!ids.length) return new Map();
  const documents = await ds
    .getRepository(DocumentEntity)
    .createQueryBuilder('d')
    .where('d.id IN (:...ids)', { ids })
    .getMany();
  return new Map(documents.map((document) => [document.id, summaryOf(document)]));
}
