/** How many (virtual) documents contain each topic word and each pair of topic words. */
export interface CooccurrenceCounts {
  /** Number of topic words (vocabulary indices 0..size-1). */
  readonly size: number;
  /** Number of sliding windows, or of texts when every text is one window. */
  readonly numWindows: number;
  /** Windows containing word i. */
  readonly occurrences: Float64Array;
  /** Windows containing both i and j, for i < j, packed row by row (see pairSlot). */
  readonly pairs: Float64Array;
}

/** Refuses topic sets whose pair table would not fit comfortably in memory (8192 words: 268 MB). */
export const MAX_TOPIC_WORDS = 8192;

/** Position of the pair (i, j), i < j, in the packed upper triangle of a size x size matrix. */
export function pairSlot(size: number, i: number, j: number): number {
  return i * size - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Windows containing both words; for i === j the windows containing the word (gensim's diagonal). */
export function jointCount(counts: CooccurrenceCounts, i: number, j: number): number {
  if (i === j) return counts.occurrences[i];
  return counts.pairs[i < j ? pairSlot(counts.size, i, j) : pairSlot(counts.size, j, i)];
}
