// gensim's Dictionary as far as the LDA benchmark corpora need it: ids in gensim's order (each document's
// new tokens sorted, numbered in turn), filter_extremes(no_below, no_above, keep_n), then compactify.

export class BenchDictionary {
  readonly token2id = new Map<string, number>();
  private docFreq: number[] = [];
  private numDocs = 0;

  addDocuments(texts: Iterable<string[]>): void {
    for (const text of texts) {
      this.numDocs++;
      const unique = [...new Set(text)].sort();
      for (const token of unique) {
        let id = this.token2id.get(token);
        if (id === undefined) {
          id = this.token2id.size;
          this.token2id.set(token, id);
          this.docFreq.push(0);
        }
        this.docFreq[id]++;
      }
    }
  }

  filterExtremes(noBelow: number, noAbove: number, keepN: number): void {
    const noAboveAbs = Math.floor(noAbove * this.numDocs);
    const kept = [...this.token2id.entries()]
      .filter(([, id]) => this.docFreq[id] >= noBelow && this.docFreq[id] <= noAboveAbs)
      .sort((a, b) => this.docFreq[b[1]] - this.docFreq[a[1]] || a[1] - b[1])
      .slice(0, keepN)
      .sort((a, b) => a[1] - b[1]);
    const docFreq = this.docFreq;
    this.token2id.clear();
    this.docFreq = [];
    for (const [token, oldId] of kept) {
      this.token2id.set(token, this.token2id.size);
      this.docFreq.push(docFreq[oldId]);
    }
  }

  get vocabulary(): string[] {
    const vocab = new Array<string>(this.token2id.size);
    for (const [token, id] of this.token2id) vocab[id] = token;
    return vocab;
  }

  doc2bow(text: string[]): Array<[number, number]> {
    const counts = new Map<number, number>();
    for (const token of text) {
      const id = this.token2id.get(token);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => a[0] - b[0]);
  }
}
