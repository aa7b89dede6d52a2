import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { UsageError } from '@topicops/config';
import { CsvError, parse } from 'csv-parse';
import { decodeLines } from './decode-lines';
import { ResolvedFields, recordPositionId, recordToItem } from './record-document';
import { IngestSource, SourceItem, rejection } from './types';

interface ParsedRow {
  record: Record<string, string>;
  info: { records: number; lines: number };
}

/** A CSV (or, with a tab delimiter, TSV) file with a header row, streamed record by record. */
export function csvSource(path: string, fields: ResolvedFields, bytesTotal: number, delimiter = ','): IngestSource {
  let bytesRead = 0;
  async function* textChunks(): AsyncGenerator<string> {
    for await (const chunk of decodeLines(createReadStream(path))) {
      bytesRead += chunk.bytes;
      yield chunk.text;
    }
  }

  async function* items(): AsyncGenerator<SourceItem> {
    const skipped: SourceItem[] = [];
    let headerProblem: UsageError | undefined;
    const parser = parse({
      delimiter,
      columns: (header: string[]) => {
        if (!header.includes(fields.text)) {
          headerProblem = new UsageError(
            `${path} has no "${fields.text}" column (columns: ${header.join(', ')}); name the text column with the text field option`,
          );
        }
        return header;
      },
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const line = error?.lines ?? 0;
        skipped.push(
          rejection(
            recordPositionId(path, `line ${line}`),
            'malformed_record',
            `line ${line}: ${error?.message ?? 'unparsable CSV'}`,
          ),
        );
        return undefined;
      },
    });
    const rows = Readable.from(textChunks()).pipe(parser);
    for await (const row of rows as AsyncIterable<ParsedRow>) {
      if (headerProblem) {
        rows.destroy();
        throw headerProblem;
      }
      yield* skipped.splice(0);
      yield recordToItem(row.record, fields, path, `record ${row.info.records}`);
    }
    if (headerProblem) throw headerProblem;
    yield* skipped.splice(0);
  }

  return { format: 'csv', description: path, bytesTotal: () => bytesTotal, bytesRead: () => bytesRead, items };
}
