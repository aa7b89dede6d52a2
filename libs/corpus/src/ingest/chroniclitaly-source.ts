import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseIsoDay } from './dates';
import { decodeText } from './decode-text';
import { mapConcurrent } from './map-concurrent';
import { FileRead, readFileUpTo } from './read-file';
import { IngestSource, SourceItem, rejection } from './types';
import { FoundEntry, walkTree } from './walk-tree';

/** `<LCCN>_<YYYY-MM-DD>_ed-<n>_seq-<n>_ocr.txt`; edition and page are optional. */
const FILE_NAME =
  /^(?<ref>[A-Za-z]{0,3}\d{6,})_(?<date>\d{4}-\d{2}-\d{2})(?:_ed-(?<edition>\d+))?(?:_seq-(?<page>\d+))?/;
const MAX_SOURCE_ID_LENGTH = 512;

function isPageName(name: string): boolean {
  return name.toLowerCase().endsWith('.txt') && FILE_NAME.test(name);
}

interface ByteCounter {
  bytes: number;
}

type FoundFile = Extract<FoundEntry, { kind: 'file' }>;

export interface ChroniclItalySourceOptions {
  root: string;
  publications: Map<string, string>;
  concurrency: number;
  maxDocumentBytes: number;
  /** Files to leave out (e.g. the publications CSV when it sits inside the tree). */
  exclude?: string[];
}

function publicationFolder(relativePath: string): string | null {
  const parts = relativePath.split('/');
  return parts.length > 1 ? parts[0].replace(/_/g, ' ') : null;
}

async function readFound(
  found: FoundEntry,
  options: ChroniclItalySourceOptions,
  counter: ByteCounter,
): Promise<SourceItem> {
  if (found.kind === 'unlistable')
    return rejection(found.relative, 'unreadable', `cannot list the folder (${found.error})`);
  const file: FoundFile = found;
  const id = file.relative;
  if (id.length > MAX_SOURCE_ID_LENGTH)
    return rejection(id, 'malformed_record', `the path is longer than ${MAX_SOURCE_ID_LENGTH} characters`);
  // Opening a FIFO or socket could block forever: only regular files and links are opened.
  if (!file.entry.isFile() && !file.entry.isSymbolicLink())
    return rejection(id, 'unsupported_file', 'not a regular file');
  if (!file.entry.name.toLowerCase().endsWith('.txt')) return rejection(id, 'unsupported_file', 'not a .txt file');
  const name = FILE_NAME.exec(file.entry.name);
  if (!name?.groups) return rejection(id, 'no_date', 'the file name does not start with <LCCN>_<YYYY-MM-DD>_');
  const day = parseIsoDay(name.groups['date']);
  if (!day) return rejection(id, 'no_date', `${name.groups['date']} is not a real date`);
  let read: FileRead;
  try {
    read = await readFileUpTo(file.absolute, options.maxDocumentBytes);
  } catch (error) {
    return rejection(
      id,
      'unreadable',
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (read.kind === 'not_a_file')
    return rejection(
      id,
      'unsupported_file',
      read.directory ? 'a link to a folder (links are not followed)' : 'not a regular file',
    );
  if (read.kind === 'too_large')
    return rejection(id, 'too_large', `${read.size} bytes is more than the limit of ${options.maxDocumentBytes}`);
  const bytes = read.bytes;
  counter.bytes += bytes.length;
  const decoded = decodeText(bytes);
  if (!decoded.ok) return rejection(id, decoded.reason, decoded.message);
  const ref = name.groups['ref'];
  const { edition, page } = name.groups;
  const metadata: Record<string, unknown> = {};
  if (edition) metadata['edition'] = Number(edition);
  if (page) metadata['page'] = Number(page);
  if (decoded.encoding !== 'utf-8') metadata['encoding'] = decoded.encoding;
  return {
    kind: 'document',
    draft: {
      sourceId: id,
      sourcePath: file.absolute,
      publicationRef: ref,
      publicationName: options.publications.get(ref) ?? publicationFolder(id),
      date: day.date,
      year: day.year,
      content: decoded.content,
      metadata: Object.keys(metadata).length ? metadata : null,
    },
  };
}

async function* pageFiles(found: AsyncIterable<FoundEntry>): AsyncGenerator<FoundFile> {
  for await (const file of found) if (file.kind === 'file' && isPageName(file.entry.name)) yield file;
}

/**
 * The bytes that will be read: the sizes of the files named like pages. A stat of a listed file costs
 * microseconds, so they run synchronously (a thread-pool round trip each would cost more than the call).
 */
async function scanBytes(files: AsyncIterable<FoundEntry>): Promise<number> {
  let total = 0;
  for await (const file of pageFiles(files)) total += statSync(file.absolute, { throwIfNoEntry: false })?.size ?? 0;
  return total;
}

/** Newspaper pages in the ChroniclItaly layout: `<Publication>/<LCCN>_<YYYY-MM-DD>_ed-<n>_seq-<n>_ocr.txt`. */
export function chroniclItalySource(options: ChroniclItalySourceOptions): IngestSource {
  const root = resolve(options.root);
  const excluded = new Set((options.exclude ?? []).map((path) => resolve(path)));
  async function* files(): AsyncGenerator<FoundEntry> {
    for await (const found of walkTree(root)) if (!excluded.has(found.absolute)) yield found;
  }
  const counter: ByteCounter = { bytes: 0 };
  let bytesTotal: number | undefined;
  return {
    format: 'chroniclitaly',
    description: root,
    bytesTotal: () => bytesTotal,
    bytesRead: () => counter.bytes,
    items: () => {
      // Sizing the tree runs alongside the ingestion (stat is far quicker than reading and storing), so
      // progress gets a total early without delaying the first batch; a failed scan just leaves it unknown.
      scanBytes(files()).then(
        (total) => (bytesTotal = total),
        () => undefined,
      );
      return mapConcurrent(files(), options.concurrency, (file) => readFound(file, options, counter));
    },
  };
}
