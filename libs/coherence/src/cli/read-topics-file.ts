import { readFile } from 'node:fs/promises';
import { CoherenceInputError } from '../lib/errors';
import { validateTopics } from '../lib/topic-vocabulary';
import { describeReadError } from './read-error';

/** Reads a JSON list of topics, each a list of words (best first). */
export async function readTopicsFile(path: string): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CoherenceInputError(`cannot read topics file ${path}: ${describeReadError(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CoherenceInputError(`topics file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateTopics(parsed);
  } catch (error) {
    if (error instanceof CoherenceInputError) {
      throw new CoherenceInputError(`topics file ${path} (a JSON list of lists of words): ${error.message}`);
    }
    throw error;
  }
}
