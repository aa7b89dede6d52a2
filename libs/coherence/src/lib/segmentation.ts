/**
 * gensim's segmentations of a topic (word indices, best first) into (W', W*) pairs of single words.
 * s_one_set, used by c_v, pairs each word with the whole topic and lives in indirect-confirmation.ts.
 */

/** s_one_pre (u_mass): (w_i, w_j) for every j < i. */
export function* oneAfterPrevious(topic: Int32Array): Generator<[wPrime: number, wStar: number]> {
  for (let i = 1; i < topic.length; i++) {
    for (let j = 0; j < i; j++) yield [topic[i], topic[j]];
  }
}

/** s_one_one (c_uci, c_npmi): (w_i, w_j) for every i != j. */
export function* oneToOne(topic: Int32Array): Generator<[wPrime: number, wStar: number]> {
  for (let i = 0; i < topic.length; i++) {
    for (let j = 0; j < topic.length; j++) if (i !== j) yield [topic[i], topic[j]];
  }
}
