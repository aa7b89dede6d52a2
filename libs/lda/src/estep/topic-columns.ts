/**
 * exp(E[log β]) (or E[log β]) laid out term-major on the host, (V + 1) × K: row w holds term w's value in
 * every topic, so building a document's [L, K] block is a row copy per term. The extra last row is zeros:
 * padding slots point at it. (tfjs-wasm's gather kernel is far slower than these copies.)
 */
export class TopicColumns {
  readonly padRow: number;

  constructor(
    readonly values: Float32Array,
    readonly numTopics: number,
    readonly numTerms: number,
  ) {
    if (values.length !== (numTerms + 1) * numTopics) {
      throw new Error(`topic columns need (${numTerms} + 1) × ${numTopics} values, got ${values.length}`);
    }
    this.padRow = numTerms;
  }

  /** From term-major values without the padding row (V×K). */
  static fromUnpadded(values: Float32Array, numTopics: number, numTerms: number): TopicColumns {
    const padded = new Float32Array((numTerms + 1) * numTopics);
    padded.set(values.subarray(0, numTerms * numTopics));
    return new TopicColumns(padded, numTopics, numTerms);
  }

  /** The [docs, length, K] block of `docIds`' columns, zeros past each document's end. */
  gather(termIds: Int32Array, offsets: Int32Array, docIds: ArrayLike<number>, length: number): Float32Array {
    const K = this.numTopics;
    const block = new Float32Array(docIds.length * length * K);
    const table = this.values;
    for (let b = 0; b < docIds.length; b++) {
      const d = docIds[b];
      const from = offsets[d];
      const n = offsets[d + 1] - from;
      for (let i = 0; i < n; i++) {
        const source = termIds[from + i] * K;
        const target = (b * length + i) * K;
        if (K >= 64) block.set(table.subarray(source, source + K), target);
        else for (let k = 0; k < K; k++) block[target + k] = table[source + k];
      }
    }
    return block;
  }
}
