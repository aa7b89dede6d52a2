import { PackedDocs, packedDocCount, slicePackedDocs } from '../corpus/packed-docs';
import { SessionEStepResult } from '../estep/estep-session';

export interface Shard {
  /** Index of the shard's first document in the chunk. */
  from: number;
  docs: PackedDocs;
}

/** Splits a chunk into up to `parts` contiguous shards of about equal non-zero entries (the E-step cost). */
export function splitIntoShards(docs: PackedDocs, parts: number): Shard[] {
  const count = packedDocCount(docs);
  const total = docs.ids.length;
  const shards: Shard[] = [];
  let from = 0;
  for (let part = 1; part <= parts && from < count; part++) {
    let to = from + 1;
    const target = (total * part) / parts;
    while (to < count && (part === parts || docs.offsets[to] < target)) to++;
    shards.push({ from, docs: slicePackedDocs(docs, from, to) });
    from = to;
  }
  return shards;
}

/** Concatenates the shards' γ and adds up their counts. */
export function mergeShardResults(
  shards: Shard[],
  results: SessionEStepResult[],
  count: number,
  numTopics: number,
): SessionEStepResult {
  const merged: SessionEStepResult = { gamma: new Float32Array(count * numTopics), iterations: 0, converged: 0 };
  results.forEach((result, i) => {
    merged.gamma.set(result.gamma, shards[i].from * numTopics);
    merged.iterations += result.iterations;
    merged.converged += result.converged;
  });
  return merged;
}
