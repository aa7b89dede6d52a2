import { UsageError } from '@topicops/config';
import { Bow } from '../types';

/** Documents as flat typed arrays (cheap to hand to a worker thread): doc d is [offsets[d], offsets[d+1]). */
export interface PackedDocs {
  ids: Int32Array;
  counts: Float32Array;
  offsets: Int32Array;
}

export function packedDocCount(docs: PackedDocs): number {
  return docs.offsets.length - 1;
}

/**
 * Packs and validates documents: term ids must be integers in [0, numTerms), counts finite and ≥ 0.
 * `firstDocNumber` only numbers documents in error messages.
 */
export function packDocs(docs: readonly Bow[], numTerms: number, firstDocNumber = 0): PackedDocs {
  let nnz = 0;
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d];
    if (!Array.isArray(doc))
      throw new UsageError(`document ${firstDocNumber + d} is not a bag of words ([termId, count] pairs)`);
    nnz += doc.length;
  }
  const ids = new Int32Array(nnz);
  const counts = new Float32Array(nnz);
  const offsets = new Int32Array(docs.length + 1);
  let at = 0;
  for (let d = 0; d < docs.length; d++) {
    for (const entry of docs[d]) {
      const termId = entry?.[0];
      const count = entry?.[1];
      if (!Number.isInteger(termId) || termId < 0 || termId >= numTerms) {
        throw new UsageError(
          `document ${firstDocNumber + d} has term id ${String(termId)}, outside the vocabulary [0, ${numTerms})`,
        );
      }
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        throw new UsageError(
          `document ${firstDocNumber + d} has count ${String(count)} for term ${termId}; counts must be finite and ≥ 0`,
        );
      }
      ids[at] = termId;
      counts[at] = count;
      at++;
    }
    offsets[d + 1] = at;
  }
  return { ids, counts, offsets };
}

/** The documents [from, to) as a new PackedDocs sharing no memory with the original. */
export function slicePackedDocs(docs: PackedDocs, from: number, to: number): PackedDocs {
  const start = docs.offsets[from];
  const end = docs.offsets[to];
  const offsets = new Int32Array(to - from + 1);
  for (let d = from; d <= to; d++) offsets[d - from] = docs.offsets[d] - start;
  return { ids: docs.ids.slice(start, end), counts: docs.counts.slice(start, end), offsets };
}

export function wordCount(docs: PackedDocs): number {
  let total = 0;
  for (let i = 0; i < docs.counts.length; i++) total += docs.counts[i];
  return total;
}
