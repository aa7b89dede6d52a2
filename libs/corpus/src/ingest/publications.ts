import { readFileSync } from 'node:fs';
import { UsageError } from '@topicops/config';
import { parse } from 'csv-parse/sync';

/** Reads a `lccn,title` CSV into a map from publication id to title. */
export function readPublications(path: string): Map<string, string> {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the publications file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new UsageError(`the publications file ${path} is not valid CSV: ${(error as Error).message}`);
  }
  const first = rows[0];
  if (!first || !('lccn' in first) || !('title' in first)) {
    throw new UsageError(`the publications file ${path} needs a header "lccn,title" and at least one row`);
  }
  return new Map(rows.filter((row) => row['lccn'] && row['title']).map((row) => [row['lccn'], row['title']]));
}
