import { PackedDocs, packedDocCount } from '../corpus/packed-docs';

/** Documents processed together, padded to the length of the longest. */
export interface SubBatch {
  /** Indices into the chunk, shortest first. */
  docs: Int32Array;
  /** Padded length (unique terms of the longest document). */
  length: number;
}

/** Padded elements (docs × length × topics) a sub-batch may hold: ~8 MB of float32 per layout. */
export const DEFAULT_ELEMENT_BUDGET = 2_000_000;
/** Padding a sub-batch may waste once it is big enough to amortise the per-op cost. */
const MAX_PADDING_FRACTION = 0.25;

/**
 * Groups a chunk's non-empty documents by length (bucketing limits padding) into sub-batches of at most
 * `elementBudget` padded elements. Empty documents, and documents longer than `maxLength`, are left out.
 */
export function planSubBatches(
  docs: PackedDocs,
  numTopics: number,
  elementBudget = DEFAULT_ELEMENT_BUDGET,
  maxLength = Infinity,
): SubBatch[] {
  const count = packedDocCount(docs);
  const lengthOf = (d: number) => docs.offsets[d + 1] - docs.offsets[d];
  const order = Array.from({ length: count }, (_, d) => d)
    .filter((d) => lengthOf(d) > 0 && lengthOf(d) <= maxLength)
    .sort((a, b) => lengthOf(a) - lengthOf(b) || a - b);
  const batches: SubBatch[] = [];
  let members: number[] = [];
  let memberLengths = 0;
  const close = () => {
    if (!members.length) return;
    batches.push({ docs: Int32Array.from(members), length: lengthOf(members[members.length - 1]) });
    members = [];
    memberLengths = 0;
  };
  for (const d of order) {
    const length = lengthOf(d);
    const padded = (members.length + 1) * length * numTopics;
    const waste = (members.length + 1) * length - (memberLengths + length);
    const bigEnough = members.length * length * numTopics >= elementBudget / 8;
    if (
      members.length &&
      (padded > elementBudget || (bigEnough && waste > MAX_PADDING_FRACTION * (members.length + 1) * length))
    )
      close();
    members.push(d);
    memberLengths += length;
  }
  close();
  return batches;
}
