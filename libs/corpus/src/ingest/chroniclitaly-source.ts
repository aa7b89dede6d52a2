import { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseIsoDay } from './dates';
import { decodeText } from './decode-text';
import { mapConcurrent } from './map-concurrent';
import { FileRead, readFileUpTo } from './read-file';
import { IngestSource, SourceItem, rejection } from './types';

/** `<LCCN>_<YYYY-MM-DD>_ed-<n>_seq-<n>_ocr.txt`; edition and page are optional. */
const FILE_NAME =
  /^(?<ref>[A-Za-z]{0,3}\d{6,})_(?<date>\d{4}-\d{2}-\d{2})(?:_ed-(?<edition>\d+))?(?:_seq-(?<page>\d+))?/;
const MAX_SOURCE_ID_LENGTH = 512;

interface ByteCounter {
  bytes: number;
}

interface FoundFile {
  absolute: string;
  /** Relative to the root, with '/' separators: the document's source_id. */
  relative: string;
  entry: Dirent;
}

export interface ChroniclItalySourceOptions {
  root: string;
  publications: Map<string, string>;
  concurrency: number;
  maxDocumentBytes: number;
  /** Files to leave out (e.g. the publications CSV when it sits inside the tree). */
  exclude?: string[];
}

/** Walks the tree lazily, one directory listing at a time, in name order. Hidden entries are skipped. */
async function* walk(root: string, dir: string): AsyncGenerator<FoundFile> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(root, absolute);
    else yield { absolute, relative: relative(root, absolute).split(sep).join('/'), entry };
  }
}

function publicationFolder(relativePath: string): string | null {
  const parts = relativePath.split('/');
  return parts.length > 1 ? parts[0].replace(/_/g, ' ') : null;
}

async function readFound(
  file: FoundFile,
  options: ChroniclItalySourceOptions,
  counter: ByteCounter,
): Promise<SourceItem> {
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

/** Newspaper pages in the ChroniclItaly layout: `<Publication>/<LCCN>_<YYYY-MM-DD>_ed-<n>_seq-<n>_ocr.txt`. */
export function chroniclItalySource(options: ChroniclItalySourceOptions): IngestSource {
  const root = resolve(options.root);
  const excluded = new Set((options.exclude ?? []).map((path) => resolve(path)));
  async function* files(): AsyncGenerator<FoundFile> {
    for await (const file of walk(root, root)) if (!excluded.has(file.absolute)) yield file;
  }
  const counter: ByteCounter = { bytes: 0 };
  return {
    format: 'chroniclitaly',
    description: root,
    bytesRead: () => counter.bytes,
    items: () => mapConcurrent(files(), options.concurrency, (file) => readFound(file, options, counter)),
  };
}
