import { readFileSync } from 'node:fs';
import { UsageError } from '@topicops/config';
import { compareCodePoints } from './code-points';

const HEADER = 'stopword';

/**
 * Reads a custom stopword list: a CSV whose header has a `stopword` column, or plain text with one word
 * per line (a first line that is exactly `stopword` is taken as the header). Words are trimmed and kept
 * as written — matching is case-sensitive, as in the reference workflow — then sorted and de-duplicated.
 */
export function readStopwordFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read the stopword file ${path} (${reason})`);
  }
  const words = parseStopwordList(text, path);
  if (words.length === 0) throw new UsageError(`the stopword file ${path} holds no words`);
  return words;
}

/** Parses the contents of a stopword file (see readStopwordFile); `source` names it in error messages. */
export function parseStopwordList(text: string, source = 'stopword list'): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((cell) => cell.trim());
  let words: string[];
  if (header.length > 1) {
    const column = header.indexOf(HEADER);
    if (column < 0)
      throw new UsageError(`${source}: the CSV header has no "${HEADER}" column (found ${header.join(', ')})`);
    words = lines.slice(1).map((line) => splitCsvLine(line)[column] ?? '');
  } else {
    words = header[0] === HEADER ? lines.slice(1).map((line) => splitCsvLine(line)[0] ?? '') : lines;
  }
  const cleaned = words.map((word) => word.trim()).filter((word) => word.length > 0);
  return [...new Set(cleaned)].sort(compareCodePoints);
}

/** One CSV record on one line (RFC 4180 quoting; quoted line breaks are not expected in word lists). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
