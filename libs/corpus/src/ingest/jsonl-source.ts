import { createReadStream } from 'node:fs';
import { decodeLines } from './decode-lines';
import { ResolvedFields, recordPositionId, recordToItem } from './record-document';
import { IngestSource, SourceItem, rejection } from './types';

function lineToItem(line: string, fields: ResolvedFields, path: string, lineNumber: number): SourceItem {
  const position = `line ${lineNumber}`;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return rejection(
      recordPositionId(path, position),
      'malformed_record',
      `${position}: not valid JSON (${(error as Error).message})`,
    );
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return rejection(recordPositionId(path, position), 'malformed_record', `${position}: a JSON object was expected`);
  }
  return recordToItem(record as Record<string, unknown>, fields, path, position);
}

/** One JSON object per line (JSON Lines / NDJSON); blank lines are skipped. */
export function jsonlSource(path: string, fields: ResolvedFields, bytesTotal: number): IngestSource {
  let bytesRead = 0;
  async function* items(): AsyncGenerator<SourceItem> {
    let lineNumber = 0;
    let partial = '';
    for await (const chunk of decodeLines(createReadStream(path))) {
      bytesRead += chunk.bytes;
      const lines = (partial + chunk.text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        lineNumber++;
        if (line.trim() !== '') yield lineToItem(line.replace(/\r$/, ''), fields, path, lineNumber);
      }
    }
    if (partial.trim() !== '') yield lineToItem(partial.replace(/\r$/, ''), fields, path, lineNumber + 1);
  }
  return { format: 'jsonl', description: path, bytesTotal: () => bytesTotal, bytesRead: () => bytesRead, items };
}
