import { basename } from 'node:path';
import { Utf8Text } from '../database/utf8-text';
import type { DocumentMetadata } from '../entities';
import { parseRecordDate } from './dates';
import { IngestFields, SourceItem, rejection } from './types';

const LIMITS = { sourceId: 512, publicationName: 255 } as const;

export interface ResolvedFields {
  text: string;
  date: string;
  id: string;
  publication?: string;
  metadata?: string[];
}

export function resolveFields(fields: IngestFields = {}): ResolvedFields {
  return {
    text: fields.text ?? 'text',
    date: fields.date ?? 'date',
    id: fields.id ?? 'id',
    publication: fields.publication,
    metadata: fields.metadata,
  };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function pickMetadata(record: Record<string, unknown>, fields: ResolvedFields): DocumentMetadata | null {
  const used = new Set([fields.text, fields.date, fields.id, fields.publication]);
  const keys = fields.metadata ?? Object.keys(record).filter((key) => !used.has(key));
  const metadata: DocumentMetadata = {};
  for (const key of keys) if (record[key] !== undefined) metadata[key] = record[key];
  return Object.keys(metadata).length ? metadata : null;
}

/** The source_id of a record without an id of its own, e.g. `speeches.csv#record 12`. */
export function recordPositionId(file: string, position: string): string {
  return `${basename(file)}#${position}`;
}

/**
 * One CSV row or JSON line to a document. `position` (e.g. 'line 12') names the record in messages and,
 * when the record has no id, makes its source_id: `<file>#<position>`.
 */
export function recordToItem(
  record: Record<string, unknown>,
  fields: ResolvedFields,
  file: string,
  position: string,
): SourceItem {
  const rawId = scalar(record[fields.id])?.trim();
  const sourceId = rawId || recordPositionId(file, position);
  const label = rawId ? `${position} (id ${rawId})` : position;
  const reject = (reason: Parameters<typeof rejection>[1], message: string) =>
    rejection(sourceId, reason, `${label}: ${message}`);

  if (sourceId.length > LIMITS.sourceId)
    return reject('malformed_record', `the id is longer than ${LIMITS.sourceId} characters`);
  const rawText = record[fields.text];
  if (rawText === undefined || rawText === null) return reject('missing_text', `no "${fields.text}" field`);
  if (typeof rawText !== 'string') return reject('malformed_record', `"${fields.text}" is not a string`);
  if (rawText.trim() === '') return reject('empty', `"${fields.text}" is empty`);
  if (rawText.includes('\u0000') || sourceId.includes('\u0000'))
    return reject('contains_nul', 'NUL characters are not accepted in text or ids');

  let date: string | null = null;
  let year: number | null = null;
  const rawDate = record[fields.date];
  if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
    const dateText = scalar(rawDate);
    const parsed = dateText === undefined ? undefined : parseRecordDate(dateText);
    if (!parsed) return reject('no_date', `"${String(rawDate)}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)`);
    ({ date, year } = parsed);
  }

  let publicationName: string | null = null;
  if (fields.publication) {
    const raw = record[fields.publication];
    publicationName = scalar(raw)?.trim() || null;
    if (publicationName && publicationName.length > LIMITS.publicationName) {
      return reject('malformed_record', `the publication is longer than ${LIMITS.publicationName} characters`);
    }
  }

  return {
    kind: 'document',
    draft: {
      sourceId,
      sourcePath: file,
      publicationRef: null,
      publicationName,
      date,
      year,
      content: Utf8Text.fromString(rawText),
      metadata: pickMetadata(record, fields),
    },
  };
}
