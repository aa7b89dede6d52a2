export const COHERENCE_MEASURES = ['c_v', 'u_mass', 'c_uci', 'c_npmi'] as const;
export type CoherenceMeasure = (typeof COHERENCE_MEASURES)[number];

/**
 * 'gensim' reproduces gensim 4.2's sliding-window counts, which forget a word as soon as one of its
 * occurrences leaves the window; 'exact' counts a word while any occurrence is inside (Palmetto, tomotopy).
 */
export const COHERENCE_MODES = ['gensim', 'exact'] as const;
export type CoherenceMode = (typeof COHERENCE_MODES)[number];

export interface CoherenceOptions {
  measure: CoherenceMeasure;
  /** Top words of each topic to score; default 20 (gensim's default). */
  topn?: number;
  /** Sliding-window size; defaults to gensim's: c_v 110, c_uci and c_npmi 10. Not used by u_mass. */
  window?: number;
  mode?: CoherenceMode;
}

export interface CoherenceResult {
  measure: CoherenceMeasure;
  mode: CoherenceMode;
  topn: number;
  /** The sliding-window size used, or null for u_mass (whole documents). */
  window: number | null;
  perTopic: number[];
  mean: number;
  warnings: string[];
}
