import { CooccurrenceCounts, jointCount } from './cooccurrence-counts';

/** gensim's direct_confirmation_measure.EPSILON: keeps log() finite when a pair never co-occurs. */
export const EPSILON = 1e-12;

/**
 * u_mass's measure: log((P(w', w*) + e) / P(w*)). gensim scores 0 when w* never occurs (its
 * ZeroDivisionError branch); callers only pass words that occur.
 */
export function logConditionalProbability(counts: CooccurrenceCounts, wPrime: number, wStar: number): number {
  const numDocs = counts.numWindows;
  const starCount = counts.occurrences[wStar];
  if (starCount === 0) return 0;
  return Math.log((jointCount(counts, wPrime, wStar) / numDocs + EPSILON) / (starCount / numDocs));
}

/** c_uci's PMI: log((P(w', w*) + e) / (P(w') P(w*))). */
export function logRatio(counts: CooccurrenceCounts, wPrime: number, wStar: number): number {
  const numDocs = counts.numWindows;
  const numerator = jointCount(counts, wPrime, wStar) / numDocs + EPSILON;
  const denominator = (counts.occurrences[wPrime] / numDocs) * (counts.occurrences[wStar] / numDocs);
  return Math.log(numerator / denominator);
}

/** c_npmi's and c_v's NPMI: PMI / -log(P(w', w*) + e). */
export function normalizedLogRatio(counts: CooccurrenceCounts, wPrime: number, wStar: number): number {
  const coDocProbability = jointCount(counts, wPrime, wStar) / counts.numWindows;
  return logRatio(counts, wPrime, wStar) / -Math.log(coDocProbability + EPSILON);
}
