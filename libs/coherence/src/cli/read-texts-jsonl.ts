import { FileHandle, open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CoherenceInputError } from '../lib/errors';
import { describeReadError } from './read-error';

function parseLine(path: string, lineNumber: number, line: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new CoherenceInputError(`${path} line ${lineNumber}: malformed JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) {
    throw new CoherenceInputError(`${path} line ${lineNumber}: expected a JSON list of tokens, got ${typeof parsed}`);
  }
  for (let i = 0; i < parsed.length; i++) {
    if (typeof parsed[i] !== 'string') {
      throw new CoherenceInputError(`${path} line ${lineNumber}: token ${i} is not a string (${JSON.stringify(parsed[i])})`);
    }
  }
  return parsed as string[];
}

async function openTextsFile(path: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if (!(await handle.stat()).isDirectory()) return handle;
  } catch (error) {
    await handle?.close();
    throw new CoherenceInputError(`cannot read texts file ${path}: ${describeReadError(error)}`);
  }
  await handle.close();
  throw new CoherenceInputError(`cannot read texts file ${path}: it is a directory`);
}

/** Streams a JSONL file of texts, one JSON list of tokens per line; blank lines are skipped. */
export async function* readTextsJsonl(path: string): AsyncGenerator<string[]> {
  const input = (await openTextsFile(path)).createReadStream({ encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let texts = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      yield parseLine(path, lineNumber, line);
      texts++;
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (texts === 0) throw new CoherenceInputError(`texts file ${path} holds no texts (expected one JSON list of tokens per line)`);
}
