/** One document_topics row with the document fields the aggregates group by. */
export interface TopicRow {
  documentId: number;
  theta: readonly number[];
  weight: number;
  year: number | null;
  publicationRef: string | null;
  publicationName: string | null;
}

/** Token-weighted sums of topic probabilities over a group of documents. */
export interface WeightedShares {
  documents: number;
  weight: number;
  /** Σ weight·θ per topic; divide by `weight` for the group's topic shares. */
  sums: Float64Array;
}

export interface PublicationKey {
  ref: string | null;
  name: string | null;
}

export interface RepresentativeDocument {
  documentId: number;
  probability: number;
}

/** Everything the topic endpoints derive from a model version's document_topics rows, in one pass. */
export interface TopicAggregates {
  numTopics: number;
  overall: WeightedShares;
  byYear: Map<number, WeightedShares>;
  byPublication: Map<string, { publication: PublicationKey; shares: WeightedShares }>;
  byYearPublication: Map<string, { year: number; publication: PublicationKey; shares: WeightedShares }>;
  /** Per topic, the documents with the highest probability of it, best first. */
  representative: RepresentativeDocument[][];
}

function emptyShares(numTopics: number): WeightedShares {
  return { documents: 0, weight: 0, sums: new Float64Array(numTopics) };
}

function add(shares: WeightedShares, row: TopicRow): void {
  shares.documents += 1;
  shares.weight += row.weight;
  for (let t = 0; t < shares.sums.length; t += 1) shares.sums[t] += row.weight * (row.theta[t] ?? 0);
}

/** Divides the weighted sums by the total weight: the group's topic distribution (zeros for an empty group). */
export function sharesOf(shares: WeightedShares): number[] {
  return Array.from(shares.sums, (sum) => (shares.weight > 0 ? sum / shares.weight : 0));
}

function publicationKeyOf(row: TopicRow): string {
  return row.publicationRef ?? `name:${row.publicationName ?? ''}`;
}

export class TopicAggregator {
  private readonly aggregates: TopicAggregates;
  private readonly heaps: RepresentativeDocument[][];

  constructor(
    numTopics: number,
    private readonly representativeLimit: number,
  ) {
    this.aggregates = {
      numTopics,
      overall: emptyShares(numTopics),
      byYear: new Map(),
      byPublication: new Map(),
      byYearPublication: new Map(),
      representative: [],
    };
    this.heaps = Array.from({ length: numTopics }, () => []);
  }

  add(row: TopicRow): void {
    const { numTopics } = this.aggregates;
    if (row.theta.length !== numTopics) return; // a row of another shape cannot belong to this model
    add(this.aggregates.overall, row);
    const publication = { ref: row.publicationRef, name: row.publicationName };
    const pubKey = publicationKeyOf(row);
    let byPub = this.aggregates.byPublication.get(pubKey);
    if (!byPub) {
      byPub = { publication, shares: emptyShares(numTopics) };
      this.aggregates.byPublication.set(pubKey, byPub);
    }
    add(byPub.shares, row);
    if (row.year !== null) {
      let byYear = this.aggregates.byYear.get(row.year);
      if (!byYear) {
        byYear = emptyShares(numTopics);
        this.aggregates.byYear.set(row.year, byYear);
      }
      add(byYear, row);
      const key = `${row.year}|${pubKey}`;
      let byBoth = this.aggregates.byYearPublication.get(key);
      if (!byBoth) {
        byBoth = { year: row.year, publication, shares: emptyShares(numTopics) };
        this.aggregates.byYearPublication.set(key, byBoth);
      }
      add(byBoth.shares, row);
    }
    for (let t = 0; t < numTopics; t += 1) this.offerRepresentative(t, row.documentId, row.theta[t]);
  }

  finish(): TopicAggregates {
    this.aggregates.representative = this.heaps.map((docs) =>
      [...docs].sort((a, b) => b.probability - a.probability || a.documentId - b.documentId),
    );
    return this.aggregates;
  }

  // A small sorted list per topic: the limit is tens of documents, so insertion is cheaper than a heap.
  private offerRepresentative(topic: number, documentId: number, probability: number): void {
    const list = this.heaps[topic];
    if (list.length >= this.representativeLimit && probability <= list[list.length - 1].probability) return;
    let i = list.length;
    while (i > 0 && list[i - 1].probability < probability) i -= 1;
    list.splice(i, 0, { documentId, probability });
    if (list.length > this.representativeLimit) list.pop();
  }
}
