import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { UsageError } from '@topicops/config';
import { chroniclItalySource } from './chroniclitaly-source';
import { csvSource } from './csv-source';
import { jsonlSource } from './jsonl-source';
import { readPublications } from './publications';
import { resolveFields } from './record-document';
import { sotuSource } from './sotu-source';
import { IngestOptions, IngestSource } from './types';

const FORMATS = ['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const;
const DEFAULT_CONCURRENCY = 8;
const MAX_CORPUS_NAME_LENGTH = 128;

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The corpus name asked for, or `sotu`, or the source's base name (`demo-corpus`, `letters` for letters.csv). */
export function corpusName(options: IngestOptions, source: IngestSource): string {
  const fallback = source.format === 'sotu' ? 'sotu' : basename(options.source, extname(options.source));
  const name = (options.corpus ?? fallback).trim();
  if (!name || name.length > MAX_CORPUS_NAME_LENGTH || hasControlCharacters(name)) {
    throw new UsageError(`corpus name "${name}" must be 1 to ${MAX_CORPUS_NAME_LENGTH} printable characters`);
  }
  return name;
}

function isOneOf(extension: string, ...candidates: string[]): boolean {
  return candidates.includes(extension);
}

/** Picks and opens the source the options describe; every problem with them is a UsageError. */
export async function openSource(options: IngestOptions, maxDocumentBytes: number): Promise<IngestSource> {
  const format = options.format ?? 'auto';
  if (!FORMATS.includes(format)) throw new UsageError(`format "${String(format)}" is not one of ${FORMATS.join(', ')}`);
  const path = resolve(options.source);
  const namedSotu = format === 'auto' && options.source.toLowerCase() === 'sotu' && !existsSync(path);
  if (format === 'sotu' || namedSotu) return sotuSource();

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
  if (format === 'jsonl' || (format === 'auto' && isOneOf(extension, '.jsonl', '.ndjson')))
    return jsonlSource(path, fields, info.size);
  if (format === 'csv' || (format === 'auto' && isOneOf(extension, '.csv', '.tsv'))) {
    return csvSource(path, fields, info.size, extension === '.tsv' ? '\t' : ',');
  }
  throw new UsageError(
    `cannot tell the format of ${options.source}: use a .csv, .tsv, .jsonl or .ndjson file, or name the format`,
  );
}
