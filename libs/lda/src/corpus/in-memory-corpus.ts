import { UsageError } from '@topicops/config';
import { Bow, BowCorpus } from '../types';

/** A BowCorpus over documents already in memory. */
export function inMemoryCorpus(docs: readonly Bow[]): BowCorpus {
  if (!Array.isArray(docs)) throw new UsageError('inMemoryCorpus needs an array of bag-of-words documents');
  return {
    numDocs: docs.length,
    async *chunks(size: number): AsyncIterable<Bow[]> {
      if (!Number.isInteger(size) || size < 1)
        throw new UsageError(`chunk size must be a positive integer (got ${size})`);
      for (let start = 0; start < docs.length; start += size) yield docs.slice(start, start + size);
    },
  };
}
