import { PackedDocs, packedDocCount, slicePackedDocs } from '../corpus/packed-docs';
import { EStepResult } from '../estep/estep-types';

export interface Shard {
  from: number;
  docs: PackedDocs;
  gammaInit: Float32Array;
}

/** Splits a chunk into up to `parts` contiguous shards of about equal non-zero entries (the E-step cost). */
export function splitIntoShards(docs: PackedDocs, gammaInit: Float32Array, numTopics: number, parts: number): Shard[] {
  const count = packedDocCount(docs);
  const total = docs.ids.length;
  const shards: Shard[] = [];
  let from = 0;
  for (let part = 1; part <= parts && from < count; part++) {
    let to = from + 1;
    const target = (total * part) / parts;
    while (to < count && (part === parts || docs.offsets[to] < target)) to++;
    shards.push({ from, docs: slicePackedDocs(docs, from, to), gammaInit: gammaInit.slice(from * numTopics, to * numTopics) });
    from = to;
  }
  return shards;
}

/** Concatenates the shards' γ and sums their sufficient statistics. */
export function mergeShardResults(shards: Shard[], results: EStepResult[], count: number, numTopics: number): EStepResult {
  const gamma = new Float32Array(count * numTopics);
  let sstats: Float32Array | null = null;
  let iterations = 0;
  let converged = 0;
  results.forEach((result, i) => {
    gamma.set(result.gamma, shards[i].from * numTopics);
    iterations += result.iterations;
    converged += result.converged;
    if (!result.sstats) return;
    if (!sstats) sstats = result.sstats;
    else {
      const into: Float32Array = sstats;
      const add = result.sstats;
      for (let j = 0; j < into.length; j++) into[j] += add[j];
    }
  });
  return { gamma, sstats, iterations, converged };
}
