import { compareCodePoints } from './code-points';
import { SerializationError } from './errors';

export type BagOfWords = Array<[termId: number, count: number]>;

export interface DictionaryJson {
  schema: 1;
  numDocs: number;
  numPos: number;
  numNnz: number;
  /** Tokens by id. */
  tokens: string[];
  /** Document frequency by id. */
  dfs: number[];
  /** Collection frequency by id. */
  cfs: number[];
}

/** gensim's `Dictionary(documents)` checks every 10 000 documents whether the vocabulary exceeds this. */
const DEFAULT_PRUNE_AT = 2_000_000;
const PRUNE_CHECK_EVERY = 10_000;

/**
 * Token ↔ id mapping with document and collection frequencies, following gensim 4.2 `corpora.Dictionary`:
 * new tokens of a document get the next ids in sorted order, `filterExtremes` keeps the same tokens
 * with the same tie-breaking, and ids are compacted in the order of the old ids.
 */
export class Dictionary {
  private tokenIds = new Map<string, number>();
  private tokens: string[] = [];
  private docFrequencies: number[] = [];
  private collectionFrequencies: number[] = [];
  private documents = 0;
  private positions = 0;
  private nonZeros = 0;
  // Scratch space for counting one document: count per id, and the ids seen; reset after each use.
  private scratch = new Int32Array(1024);
  private touched = new Int32Array(1024);

  get token2id(): ReadonlyMap<string, number> {
    return this.tokenIds;
  }

  get id2token(): readonly string[] {
    return this.tokens;
  }

  get dfs(): readonly number[] {
    return this.docFrequencies;
  }

  get cfs(): readonly number[] {
    return this.collectionFrequencies;
  }

  /** Documents added. */
  get numDocs(): number {
    return this.documents;
  }

  /** Tokens added. */
  get numPos(): number {
    return this.positions;
  }

  /** Sum over documents of their distinct known tokens. */
  get numNnz(): number {
    return this.nonZeros;
  }

  get size(): number {
    return this.tokens.length;
  }

  /**
   * Adds documents, giving ids to new tokens. Call it as often as needed to stream a corpus in batches.
   * As in gensim, before every 10 000th document of a call, a vocabulary larger than `pruneAt` is cut to
   * its `pruneAt` most frequent tokens (`null` never prunes).
   */
  addDocuments(texts: Iterable<readonly string[]>, options: { pruneAt?: number | null } = {}): void {
    const pruneAt = options.pruneAt === undefined ? DEFAULT_PRUNE_AT : options.pruneAt;
    let documentNumber = 0;
    for (const tokens of texts) {
      if (documentNumber % PRUNE_CHECK_EVERY === 0 && pruneAt !== null && this.size > pruneAt) {
        this.filterExtremes(0, 1, pruneAt);
      }
      this.addDocument(tokens);
      documentNumber += 1;
    }
  }

  addDocument(tokens: readonly string[]): void {
    const { tokenIds, scratch, touched, docFrequencies, collectionFrequencies } = this;
    let missing: Map<string, number> | undefined;
    let distinct = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const id = tokenIds.get(tokens[i]);
      if (id === undefined) {
        missing ??= new Map();
        missing.set(tokens[i], (missing.get(tokens[i]) ?? 0) + 1);
      } else if (scratch[id]++ === 0) {
        touched[distinct++] = id;
      }
    }
    for (let i = 0; i < distinct; i += 1) {
      const id = touched[i];
      docFrequencies[id] += 1;
      collectionFrequencies[id] += scratch[id];
      scratch[id] = 0;
    }
    this.nonZeros += distinct;
    if (missing) {
      for (const token of [...missing.keys()].sort(compareCodePoints)) {
        this.appendToken(token, 1, missing.get(token) ?? 0);
      }
      this.nonZeros += missing.size;
    }
    this.documents += 1;
    this.positions += tokens.length;
  }

  /**
   * Keeps the tokens found in at least `noBelow` documents and at most `noAbove` × numDocs documents,
   * then only the `keepN` with the highest document frequency (ties: lower id first). Ids are compacted.
   */
  filterExtremes(noBelow = 5, noAbove = 0.5, keepN: number | null = 100_000): void {
    if (!(noBelow >= 0) || !(noAbove >= 0) || (keepN !== null && !(keepN >= 0))) {
      throw new RangeError(
        `filterExtremes needs noBelow >= 0, noAbove >= 0 and keepN >= 0 (got ${noBelow}, ${noAbove}, ${keepN})`,
      );
    }
    const noAboveAbsolute = Math.trunc(noAbove * this.documents);
    const dfs = this.docFrequencies;
    const good: number[] = [];
    for (let id = 0; id < dfs.length; id += 1) {
      if (dfs[id] >= noBelow && dfs[id] <= noAboveAbsolute) good.push(id);
    }
    good.sort((a, b) => dfs[b] - dfs[a] || a - b);
    const kept = keepN === null ? good : good.slice(0, keepN);
    this.keepIds(kept.sort((a, b) => a - b));
  }

  /** [id, count] of the known tokens, sorted by id; unknown tokens are ignored. */
  doc2bow(tokens: readonly string[]): BagOfWords {
    const { tokenIds, scratch, touched } = this;
    let distinct = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const id = tokenIds.get(tokens[i]);
      if (id !== undefined && scratch[id]++ === 0) touched[distinct++] = id;
    }
    const ids = touched.subarray(0, distinct).sort();
    const bow: BagOfWords = new Array(distinct);
    for (let i = 0; i < distinct; i += 1) {
      const id = ids[i];
      bow[i] = [id, scratch[id]];
      scratch[id] = 0;
    }
    return bow;
  }

  toJSON(): DictionaryJson {
    return {
      schema: 1,
      numDocs: this.documents,
      numPos: this.positions,
      numNnz: this.nonZeros,
      tokens: [...this.tokens],
      dfs: [...this.docFrequencies],
      cfs: [...this.collectionFrequencies],
    };
  }

  static fromJSON(json: unknown): Dictionary {
    const fail = (problem: string): never => {
      throw new SerializationError('dictionary JSON', problem);
    };
    if (typeof json !== 'object' || json === null) return fail('expected an object');
    const value = json as Partial<Record<keyof DictionaryJson, unknown>>;
    if (value.schema !== 1) fail(`unsupported schema ${JSON.stringify(value.schema)}`);
    for (const key of ['numDocs', 'numPos', 'numNnz'] as const) {
      if (!isCount(value[key])) fail(`${key} must be a non-negative integer`);
    }
    const { tokens, dfs, cfs } = value;
    if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string'))
      return fail('tokens must be a list of strings');
    if (!Array.isArray(dfs) || dfs.length !== tokens.length || !dfs.every(isCount)) {
      return fail('dfs must hold one non-negative integer per token');
    }
    if (!Array.isArray(cfs) || cfs.length !== tokens.length || !cfs.every(isCount)) {
      return fail('cfs must hold one non-negative integer per token');
    }
    const dictionary = new Dictionary();
    tokens.forEach((token: string, id) => {
      if (dictionary.tokenIds.has(token)) fail(`token "${token}" appears twice`);
      dictionary.appendToken(token, dfs[id] as number, cfs[id] as number);
    });
    dictionary.documents = value.numDocs as number;
    dictionary.positions = value.numPos as number;
    dictionary.nonZeros = value.numNnz as number;
    return dictionary;
  }

  private appendToken(token: string, df: number, cf: number): void {
    const id = this.tokens.length;
    this.tokenIds.set(token, id);
    this.tokens.push(token);
    this.docFrequencies.push(df);
    this.collectionFrequencies.push(cf);
    if (id >= this.scratch.length) {
      // Only ever grown between documents, while every scratch count is zero.
      this.scratch = new Int32Array(this.scratch.length * 2);
      this.touched = new Int32Array(this.scratch.length);
    }
  }

  /** gensim `filter_tokens(good_ids)` + `compactify()`: survivors renumbered in old-id order. */
  private keepIds(sortedIds: readonly number[]): void {
    const tokens = sortedIds.map((id) => this.tokens[id]);
    const dfs = sortedIds.map((id) => this.docFrequencies[id]);
    const cfs = sortedIds.map((id) => this.collectionFrequencies[id]);
    this.tokenIds = new Map(tokens.map((token, id) => [token, id]));
    this.tokens = tokens;
    this.docFrequencies = dfs;
    this.collectionFrequencies = cfs;
  }
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
