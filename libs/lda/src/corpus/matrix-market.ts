import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from '@topicops/config';
import { Bow, BowCorpus } from '../types';

// Matrix Market coordinate files as gensim's MmCorpus writes them: one row per document, one column per
// term, 1-based, entries grouped by document in ascending order.

interface MatrixMarketHeader {
  numDocs: number;
  numTerms: number;
  nnz: number;
  /** 1-based line number of the size line. */
  sizeLine: number;
}

const BANNER = /^%%MatrixMarket\s+matrix\s+coordinate\s+(real|integer)\s+general\s*$/i;

function lines(path: string) {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

async function readHeader(path: string): Promise<MatrixMarketHeader> {
  let lineNumber = 0;
  const reader = lines(path);
  try {
    for await (const line of reader) {
      lineNumber++;
      if (lineNumber === 1) {
        if (!BANNER.test(line.trim())) {
          throw new UsageError(
            `${path}: not a Matrix Market coordinate file (first line must be "%%MatrixMarket matrix coordinate real general")`,
          );
        }
        continue;
      }
      if (line.startsWith('%') || line.trim() === '') continue;
      const fields = line.trim().split(/\s+/).map(Number);
      if (fields.length !== 3 || !fields.every((v) => Number.isInteger(v) && v >= 0)) {
        throw new UsageError(
          `${path}:${lineNumber}: size line must be "documents terms entries" (got "${line.trim()}")`,
        );
      }
      return { numDocs: fields[0], numTerms: fields[1], nnz: fields[2], sizeLine: lineNumber };
    }
  } finally {
    reader.close();
  }
  throw new UsageError(`${path}: Matrix Market file has no size line`);
}

/** Parses "doc term value"; returns false when the line is not three numbers. */
function parseEntry(line: string, out: [number, number, number]): boolean {
  let field = 0;
  let i = 0;
  const n = line.length;
  while (field < 3) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    const start = i;
    // Unsigned integers (all of gensim's output for counts) without allocating; anything else via Number().
    let value = 0;
    let digitsOnly = true;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) break;
      if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
      else digitsOnly = false;
      i++;
    }
    if (start === i) return false;
    if (!digitsOnly) {
      value = Number(line.slice(start, i));
      if (Number.isNaN(value)) return false;
    }
    out[field++] = value;
  }
  while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9 || line.charCodeAt(i) === 13)) i++;
  return i === n;
}

async function* streamChunks(path: string, header: MatrixMarketHeader, size: number): AsyncIterable<Bow[]> {
  if (!Number.isInteger(size) || size < 1) throw new UsageError(`chunk size must be a positive integer (got ${size})`);
  const where = (lineNumber: number) => `${path}:${lineNumber}`;
  const entry: [number, number, number] = [0, 0, 0];
  let chunk: Bow[] = [];
  let current: Array<[number, number]> = [];
  let currentDoc = 0; // 1-based row of `current`; rows before it are complete
  let entries = 0;
  let lineNumber = 0;
  const reader = lines(path);
  try {
    for await (const line of reader) {
      lineNumber++;
      if (lineNumber <= header.sizeLine || line.length === 0 || line.startsWith('%')) continue;
      if (!parseEntry(line, entry))
        throw new UsageError(`${where(lineNumber)}: expected "document term value" (got "${line.slice(0, 80)}")`);
      const [doc, term, value] = entry;
      if (!Number.isInteger(doc) || doc < 1 || doc > header.numDocs) {
        throw new UsageError(`${where(lineNumber)}: document ${doc} is outside 1..${header.numDocs}`);
      }
      if (!Number.isInteger(term) || term < 1 || term > header.numTerms) {
        throw new UsageError(`${where(lineNumber)}: term ${term} is outside 1..${header.numTerms}`);
      }
      if (!Number.isFinite(value) || value < 0)
        throw new UsageError(`${where(lineNumber)}: count ${value} must be finite and ≥ 0`);
      if (doc < currentDoc) {
        throw new UsageError(
          `${where(lineNumber)}: entries must be sorted by document; document ${doc} comes after ${currentDoc}`,
        );
      }
      entries++;
      if (currentDoc === 0) currentDoc = 1;
      while (currentDoc < doc) {
        chunk.push(current);
        current = [];
        currentDoc++;
        if (chunk.length === size) {
          yield chunk;
          chunk = [];
        }
      }
      current.push([term - 1, value]);
    }
  } finally {
    reader.close();
  }
  if (entries !== header.nnz) {
    throw new UsageError(
      `${path}: the size line announces ${header.nnz} entries but the file has ${entries} (truncated?)`,
    );
  }
  if (currentDoc === 0) currentDoc = 1;
  // Close the last document with entries, then the empty rows after it.
  for (let doc = currentDoc; doc <= header.numDocs; doc++) {
    chunk.push(current);
    current = [];
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Opens a Matrix Market corpus (as written by gensim's MmCorpus) without loading it: the header is read
 * now, the entries are streamed line by line every time chunks() is iterated.
 */
export async function readMatrixMarket(path: string): Promise<BowCorpus & { numTerms: number; nnz: number }> {
  try {
    await stat(path);
  } catch {
    throw new UsageError(`Matrix Market file ${path} does not exist or cannot be read`);
  }
  const header = await readHeader(path);
  return {
    numDocs: header.numDocs,
    numTerms: header.numTerms,
    nnz: header.nnz,
    chunks: (size: number) => streamChunks(path, header, size),
  };
}

const SIZE_LINE_WIDTH = 50;
const FLUSH_BYTES = 1 << 20;

/**
 * Writes documents as a Matrix Market coordinate file, streaming: the size line is reserved first and
 * filled in at the end, as gensim does.
 */
export async function writeMatrixMarket(
  path: string,
  docs: Iterable<Bow> | AsyncIterable<Bow>,
  numTerms: number,
): Promise<{ numDocs: number; nnz: number }> {
  if (!Number.isInteger(numTerms) || numTerms < 1)
    throw new UsageError(`numTerms must be a positive integer (got ${numTerms})`);
  const file = await open(path, 'w');
  try {
    const banner = '%%MatrixMarket matrix coordinate real general\n';
    await file.write(banner + ' '.repeat(SIZE_LINE_WIDTH) + '\n');
    let position = Buffer.byteLength(banner) + SIZE_LINE_WIDTH + 1;
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async () => {
      const text = pending.join('');
      pending = [];
      pendingLength = 0;
      const { bytesWritten } = await file.write(text, position);
      position += bytesWritten;
    };
    let numDocs = 0;
    let nnz = 0;
    for await (const doc of docs) {
      numDocs++;
      for (const [termId, count] of doc) {
        if (!Number.isInteger(termId) || termId < 0 || termId >= numTerms) {
          throw new UsageError(`document ${numDocs - 1} has term id ${termId}, outside [0, ${numTerms})`);
        }
        const line = `${numDocs} ${termId + 1} ${count}\n`;
        pending.push(line);
        pendingLength += line.length;
        nnz++;
      }
      if (pendingLength > FLUSH_BYTES) await flush();
    }
    if (pendingLength) await flush();
    const sizeLine = `${numDocs} ${numTerms} ${nnz}`;
    if (sizeLine.length > SIZE_LINE_WIDTH) throw new Error('corpus too large for the reserved Matrix Market size line');
    await file.write(sizeLine.padEnd(SIZE_LINE_WIDTH), Buffer.byteLength(banner));
    return { numDocs, nnz };
  } finally {
    await file.close();
  }
}
