import { Bytes, FunctionSpec, I32, V128, op } from './wasm-encoder';

/** numpy's float32 machine epsilon, added to every φ normaliser as gensim does. */
const EPSILON = 1.1920928955078125e-7;

// Parameters, the same for every function: byte addresses, then counts.
const COLUMNS = 0; // the document's columns topic-major: Kp rows of TERMS floats
const COUNTS = 1; // n_w, f32 per term
const THETA = 2; // exp(E[log θ]), Kp floats
const RATIO = 3; // n_w / φnorm_w, f32 per term
const SUMS = 4; // Σ_w ratio_w·β_w, one float per topic
const IDS = 5; // term ids, i32 per term
const TABLE = 6; // exp(E[log β]) term-major, V × Kp floats
const SSTATS = 7; // sufficient statistics, term-major V × Kp floats
const TERMS = 8; // the document's terms, padded to a multiple of TERM_GROUP
const ACTIVE = 9; // topics to compute, i32 each
const ACTIVE_COUNT = 10;
const PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32];

/** Documents are padded with zero-count terms to a multiple of this (one vector of terms). */
export const TERM_GROUP = 4;
/** Term vectors whose φ normalisers accumulate in registers at once. */
const TERM_BLOCK = 8;
/** Partial sums per topic in the weighted sum. */
const SUM_LANES = 4;

interface Layout {
  /** 4-topic vectors per row of the topic table: Kp / 4. */
  vectors: number;
}

/** Locals after the parameters. */
const L = (() => {
  const base = PARAMS.length;
  return {
    position: base, // byte offset of the current term vector
    end: base + 1, // TERMS · 4
    stride: base + 2, // bytes per topic row of COLUMNS (= end)
    slot: base + 3, // index into ACTIVE
    row: base + 4,
    target: base + 5,
    term: base + 6,
    /** Table rows of the four terms `gather` transposes at once. */
    termRow: (i: number) => base + 7 + i,
    splat: base + 11,
    vector: (j: number) => base + 12 + j,
    declared: [
      [11, I32],
      [1 + TERM_BLOCK, V128],
    ] as Array<[number, number]>,
  };
})();

const scaled = (index: number, shift: number): Bytes => [...op.get(index), ...op.i32(shift), ...op.i32Shl];
const prologue: Bytes = [
  ...op.get(TERMS),
  ...op.i32(2),
  ...op.i32Shl,
  ...op.set(L.end),
  ...op.get(L.end),
  ...op.set(L.stride),
];

/** row ← COLUMNS + ACTIVE[slot]·stride (+ position), and splat ← θ of that topic when `withTheta`. */
function activeRow(withPosition: boolean, withTheta: boolean): Bytes {
  const topic = [...op.get(ACTIVE), ...scaled(L.slot, 2), ...op.i32Add, ...op.i32Load()];
  return [
    ...op.get(COLUMNS),
    ...topic,
    ...op.get(L.stride),
    ...op.i32Mul,
    ...op.i32Add,
    ...(withPosition ? [...op.get(L.position), ...op.i32Add] : []),
    ...op.set(L.row),
    ...(withTheta
      ? [
          ...op.get(THETA),
          ...topic,
          ...op.i32(2),
          ...op.i32Shl,
          ...op.i32Add,
          ...op.f32Load(),
          ...op.f32x4Splat,
          ...op.set(L.splat),
        ]
      : []),
  ];
}

/** for (slot = 0; slot < ACTIVE_COUNT; slot++) body */
function overActiveTopics(body: Bytes[]): Bytes {
  return [
    ...op.i32(0),
    ...op.set(L.slot),
    ...op.loop([...op.get(L.slot), ...op.get(ACTIVE_COUNT), ...op.i32Eq, ...op.brIf(1)], ...body, [
      ...op.get(L.slot),
      ...op.i32(1),
      ...op.i32Add,
      ...op.set(L.slot),
      ...op.br(0),
    ]),
  ];
}

/**
 * ratio ← n / (Σ_active θ_k·column_k + ε) for `width` term vectors at `position`, the normalisers held in
 * registers while the active topics stream past.
 */
function ratiosOfTermBlock(width: number): Bytes[] {
  const zero: Bytes[] = [];
  const add: Bytes[] = [activeRow(true, true)];
  const store: Bytes[] = [];
  for (let j = 0; j < width; j++) {
    zero.push([...op.v128Zero, ...op.set(L.vector(j))]);
    add.push([
      ...op.get(L.vector(j)),
      ...op.get(L.row),
      ...op.v128Load(16 * j),
      ...op.get(L.splat),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.set(L.vector(j)),
    ]);
    store.push([
      ...op.get(RATIO),
      ...op.get(L.position),
      ...op.i32Add,
      ...op.get(COUNTS),
      ...op.get(L.position),
      ...op.i32Add,
      ...op.v128Load(16 * j),
      ...op.get(L.vector(j)),
      ...op.f32(EPSILON),
      ...op.f32x4Splat,
      ...op.f32x4Add,
      ...op.f32x4Div,
      ...op.v128Store(16 * j),
    ]);
  }
  return [...zero, overActiveTopics(add), ...store];
}

/** Runs `perBlock(width)` over the terms, `width` vectors at a time while they last, then one at a time. */
function overTermVectors(perBlock: (width: number) => Bytes[]): Bytes {
  const pass = (width: number): Bytes =>
    op.loop(
      [...op.get(L.position), ...op.i32(16 * width), ...op.i32Add, ...op.get(L.end), ...op.i32GtS, ...op.brIf(1)],
      ...perBlock(width),
      [...op.get(L.position), ...op.i32(16 * width), ...op.i32Add, ...op.set(L.position), ...op.br(0)],
    );
  return [...op.i32(0), ...op.set(L.position), ...pass(TERM_BLOCK), ...pass(1)];
}

/** The φ normalisers' ratios over the active topics. */
function ratios(): Bytes {
  return overTermVectors(ratiosOfTermBlock);
}

/** sums[k] ← Σ_w ratio_w·column_k[w] for every active topic k. */
function weightedSums(): Bytes {
  const products = (width: number): Bytes[] =>
    Array.from({ length: width }, (_, j) => [
      ...op.get(L.vector(j)),
      ...op.get(L.row),
      ...op.get(L.position),
      ...op.i32Add,
      ...op.v128Load(16 * j),
      ...op.get(RATIO),
      ...op.get(L.position),
      ...op.i32Add,
      ...op.v128Load(16 * j),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.set(L.vector(j)),
    ]);
  const pass = (width: number): Bytes =>
    op.loop(
      [...op.get(L.position), ...op.i32(16 * width), ...op.i32Add, ...op.get(L.end), ...op.i32GtS, ...op.brIf(1)],
      ...products(width),
      [...op.get(L.position), ...op.i32(16 * width), ...op.i32Add, ...op.set(L.position), ...op.br(0)],
    );
  const zero = Array.from({ length: SUM_LANES }, (_, j) => [...op.v128Zero, ...op.set(L.vector(j))]);
  const total = [
    ...op.get(L.vector(0)),
    ...op.get(L.vector(1)),
    ...op.f32x4Add,
    ...op.get(L.vector(2)),
    ...op.get(L.vector(3)),
    ...op.f32x4Add,
    ...op.f32x4Add,
    ...op.set(L.splat),
  ];
  const lanes = [0, 1, 2, 3].map((lane) => [...op.get(L.splat), ...op.f32x4ExtractLane(lane)]);
  const store = [
    ...op.get(SUMS),
    ...op.get(ACTIVE),
    ...scaled(L.slot, 2),
    ...op.i32Add,
    ...op.i32Load(),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...lanes[0],
    ...lanes[1],
    ...op.f32Add,
    ...lanes[2],
    ...lanes[3],
    ...op.f32Add,
    ...op.f32Add,
    ...op.f32Store(),
  ];
  return overActiveTopics([
    activeRow(false, false),
    ...zero,
    [...op.i32(0), ...op.set(L.position)],
    pass(SUM_LANES),
    pass(1),
    total,
    store,
  ]);
}

/** local ← base + ids[term]·(bytes per row of the V × Kp tables). */
function tableRowOfTerm(layout: Layout, base: number, local: number): Bytes {
  return [
    ...op.get(base),
    ...op.get(IDS),
    ...scaled(L.term, 2),
    ...op.i32Add,
    ...op.i32Load(),
    ...op.i32(layout.vectors * 16),
    ...op.i32Mul,
    ...op.i32Add,
    ...op.set(local),
  ];
}

/** for (term = 0; term < TERMS; term++) perTerm */
function overEveryTerm(perTerm: Bytes[]): Bytes[] {
  return [
    [...op.i32(0), ...op.set(L.term)],
    op.loop([...op.get(L.term), ...op.get(TERMS), ...op.i32Eq, ...op.brIf(1)], ...perTerm, [
      ...op.get(L.term),
      ...op.i32(1),
      ...op.i32Add,
      ...op.set(L.term),
      ...op.br(0),
    ]),
  ];
}

/**
 * COLUMNS ← the document's rows of the table, transposed to topic-major (Kp rows of TERMS floats): a topic's
 * values for consecutive terms are then one vector, and a topic left out costs nothing.
 */
function gather(layout: Layout): FunctionSpec {
  // Four terms at a time: their rows' vector j (topics 4j…4j+3 of each term) are transposed by shuffles into
  // four vectors of four consecutive terms, one per topic, stored with one instruction each.
  const loaded = (i: number) => L.vector(i);
  const pairs = (i: number) => L.vector(4 + i);
  const perGroup: Bytes[] = [[...op.get(COLUMNS), ...scaled(L.term, 2), ...op.i32Add, ...op.set(L.target)]];
  for (let i = 0; i < TERM_GROUP; i++) {
    perGroup.push([
      ...op.get(TABLE),
      ...op.get(IDS),
      ...scaled(L.term, 2),
      ...op.i32Add,
      ...op.i32Load(4 * i),
      ...op.i32(layout.vectors * 16),
      ...op.i32Mul,
      ...op.i32Add,
      ...op.set(L.termRow(i)),
    ]);
  }
  for (let j = 0; j < layout.vectors; j++) {
    for (let i = 0; i < TERM_GROUP; i++)
      perGroup.push([...op.get(L.termRow(i)), ...op.v128Load(16 * j), ...op.set(loaded(i))]);
    perGroup.push(
      [...op.get(loaded(0)), ...op.get(loaded(1)), ...op.f32x4Shuffle([0, 4, 1, 5]), ...op.set(pairs(0))],
      [...op.get(loaded(0)), ...op.get(loaded(1)), ...op.f32x4Shuffle([2, 6, 3, 7]), ...op.set(pairs(1))],
      [...op.get(loaded(2)), ...op.get(loaded(3)), ...op.f32x4Shuffle([0, 4, 1, 5]), ...op.set(pairs(2))],
      [...op.get(loaded(2)), ...op.get(loaded(3)), ...op.f32x4Shuffle([2, 6, 3, 7]), ...op.set(pairs(3))],
    );
    const topicVector: Array<[number, number, [number, number, number, number]]> = [
      [0, 2, [0, 1, 4, 5]],
      [0, 2, [2, 3, 6, 7]],
      [1, 3, [0, 1, 4, 5]],
      [1, 3, [2, 3, 6, 7]],
    ];
    for (const [first, second, lanes] of topicVector) {
      perGroup.push([
        ...op.get(L.target),
        ...op.get(pairs(first)),
        ...op.get(pairs(second)),
        ...op.f32x4Shuffle(lanes),
        ...op.v128Store(),
        ...op.get(L.target),
        ...op.get(L.stride),
        ...op.i32Add,
        ...op.set(L.target),
      ]);
    }
  }
  const body: Bytes[] = [
    prologue,
    [...op.i32(0), ...op.set(L.term)],
    op.loop([...op.get(L.term), ...op.get(TERMS), ...op.i32Eq, ...op.brIf(1)], ...perGroup, [
      ...op.get(L.term),
      ...op.i32(TERM_GROUP),
      ...op.i32Add,
      ...op.set(L.term),
      ...op.br(0),
    ]),
  ];
  return { name: 'gather', params: PARAMS, locals: L.declared, body };
}

/** sstats[ids[term]] += ratio[term]·θ for every term: the document's share of the M-step statistics. */
function accumulateStatistics(layout: Layout): FunctionSpec {
  const perTerm: Bytes[] = [
    tableRowOfTerm(layout, SSTATS, L.target),
    [...op.get(RATIO), ...scaled(L.term, 2), ...op.i32Add, ...op.f32Load(), ...op.f32x4Splat, ...op.set(L.splat)],
  ];
  for (let j = 0; j < layout.vectors; j++) {
    perTerm.push([
      ...op.get(L.target),
      ...op.get(L.target),
      ...op.v128Load(16 * j),
      ...op.get(L.splat),
      ...op.get(THETA),
      ...op.v128Load(16 * j),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.v128Store(16 * j),
    ]);
  }
  return { name: 'accumulate', params: PARAMS, locals: L.declared, body: overEveryTerm(perTerm) };
}

/**
 * The kernel's functions, all with the same parameters (see above), for documents padded to a multiple of
 * TERM_GROUP terms. Only the topics listed in ACTIVE are computed:
 * - `iterate`: one pass of gensim's E-step loop over a document — the ratios n_w / (θ·β_w + ε), then
 *   Σ_w ratio_w·β_w into `sums`;
 * - `ratios`: the ratios alone; `gather`: the document's columns from the table; `accumulate`: its
 *   statistics into `sstats` (all topics).
 */
export function fusedKernelFunctions(vectors: number): FunctionSpec[] {
  const layout: Layout = { vectors };
  return [
    { name: 'iterate', params: PARAMS, locals: L.declared, body: [prologue, ratios(), weightedSums()] },
    { name: 'ratios', params: PARAMS, locals: L.declared, body: [prologue, ratios()] },
    gather(layout),
    accumulateStatistics(layout),
  ];
}
