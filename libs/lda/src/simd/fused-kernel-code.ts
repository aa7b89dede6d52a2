import { Bytes, F32, FunctionSpec, I32, V128, op } from './wasm-encoder';

/** numpy's float32 machine epsilon, added to every φ normaliser as gensim does. */
const EPSILON = 1.1920928955078125e-7;
/**
 * Up to this many 4-topic vectors (K ≤ 24), θ and the sums live in locals (registers); beyond, V8 spills
 * them anyway and reading them from memory measured faster.
 */
export const MAX_VECTORS_IN_LOCALS = 6;

// Parameters (byte addresses, then the document's number of terms), the same for every function:
const COLUMNS = 0; // the document's columns, terms × Kp floats
const COUNTS = 1; // n_w, f32 per term
const THETA = 2; // exp(E[log θ]), Kp floats
const RATIO = 3; // n_w / φnorm_w, f32 per term
const SUMS = 4; // Σ_w ratio_w·β_w, Kp floats
const IDS = 5; // term ids, i32 per term
const TABLE = 6; // exp(E[log β]) term-major, V × Kp floats
const SSTATS = 7; // sufficient statistics, term-major V × Kp floats
const TERMS = 8;
const PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32, I32];

interface Layout {
  vectors: number;
  inLocals: boolean;
}

/** Locals after the parameters: term index, two addresses, a ratio, then v128 registers. */
function locals(layout: Layout) {
  const base = PARAMS.length;
  const vectorRegisters = 2 + (layout.inLocals ? 2 * layout.vectors : 0);
  return {
    term: base,
    row: base + 1,
    target: base + 2,
    value: base + 3,
    dot: base + 4,
    splat: base + 5,
    theta: (j: number) => base + 6 + j,
    sum: (j: number) => base + 6 + layout.vectors + j,
    declared: [
      [3, I32],
      [1, F32],
      [vectorRegisters, V128],
    ] as Array<[number, number]>,
  };
}
type Locals = ReturnType<typeof locals>;

const rowBytes = (layout: Layout) => layout.vectors * 16;
const scaled = (index: number, shift: number): Bytes => [...op.get(index), ...op.i32(shift), ...op.i32Shl];

function thetaVector(layout: Layout, l: Locals, j: number): Bytes {
  return layout.inLocals ? op.get(l.theta(j)) : [...op.get(THETA), ...op.v128Load(16 * j)];
}

/** Σ of the vectors each item pushes, as a balanced tree: a short dependency chain of additions. */
function treeSum(items: Bytes[]): Bytes {
  if (items.length === 1) return items[0];
  const half = items.length >> 1;
  return [...treeSum(items.slice(0, half)), ...treeSum(items.slice(half)), ...op.f32x4Add];
}

/** value ← n_w / (Σ_j column_j·θ_j + ε) for the row at `row`, and ratio[term] ← value. */
function ratioOfRow(layout: Layout, l: Locals): Bytes[] {
  const products: Bytes[] = [];
  for (let j = 0; j < layout.vectors; j++) {
    products.push([...op.get(l.row), ...op.v128Load(16 * j), ...thetaVector(layout, l, j), ...op.f32x4Mul]);
  }
  return [
    treeSum(products),
    op.set(l.dot),
    [...op.get(COUNTS), ...scaled(l.term, 2), ...op.i32Add, ...op.f32Load()],
    [...op.get(l.dot), ...op.f32x4ExtractLane(0), ...op.get(l.dot), ...op.f32x4ExtractLane(1), ...op.f32Add],
    [...op.get(l.dot), ...op.f32x4ExtractLane(2), ...op.f32Add, ...op.get(l.dot), ...op.f32x4ExtractLane(3), ...op.f32Add],
    [...op.f32(EPSILON), ...op.f32Add, ...op.f32Div, ...op.set(l.value)],
    [...op.get(RATIO), ...scaled(l.term, 2), ...op.i32Add, ...op.get(l.value), ...op.f32Store()],
  ];
}

/** Loops over the document's terms running `perRow`; `row` walks the columns one padded row at a time. */
function overTerms(layout: Layout, l: Locals, perRow: Bytes[]): Bytes {
  return [
    ...op.i32(0),
    ...op.set(l.term),
    ...op.get(COLUMNS),
    ...op.set(l.row),
    ...op.loop(
      [...op.get(l.term), ...op.get(TERMS), ...op.i32Eq, ...op.brIf(1)],
      ...perRow,
      [...op.get(l.row), ...op.i32(rowBytes(layout)), ...op.i32Add, ...op.set(l.row)],
      [...op.get(l.term), ...op.i32(1), ...op.i32Add, ...op.set(l.term), ...op.br(0)],
    ),
  ];
}

/** target ← TABLE-or-SSTATS base + ids[term]·row bytes. */
function rowOfTerm(layout: Layout, l: Locals, base: number): Bytes {
  return [
    ...op.get(base),
    ...op.get(IDS),
    ...scaled(l.term, 2),
    ...op.i32Add,
    ...op.i32Load(),
    ...op.i32(rowBytes(layout)),
    ...op.i32Mul,
    ...op.i32Add,
    ...op.set(l.target),
  ];
}

function iterate(layout: Layout, l: Locals): FunctionSpec {
  const load: Bytes[] = [];
  const zero: Bytes[] = [];
  const store: Bytes[] = [];
  const accumulate: Bytes[] = [[...op.get(l.value), ...op.f32x4Splat, ...op.set(l.splat)]];
  for (let j = 0; j < layout.vectors; j++) {
    const scaledColumn = [...op.get(l.row), ...op.v128Load(16 * j), ...op.get(l.splat), ...op.f32x4Mul];
    if (layout.inLocals) {
      load.push([...op.get(THETA), ...op.v128Load(16 * j), ...op.set(l.theta(j))]);
      zero.push([...op.v128Zero, ...op.set(l.sum(j))]);
      store.push([...op.get(SUMS), ...op.get(l.sum(j)), ...op.v128Store(16 * j)]);
      accumulate.push([...op.get(l.sum(j)), ...scaledColumn, ...op.f32x4Add, ...op.set(l.sum(j))]);
    } else {
      zero.push([...op.get(SUMS), ...op.v128Zero, ...op.v128Store(16 * j)]);
      accumulate.push([...op.get(SUMS), ...op.get(SUMS), ...op.v128Load(16 * j), ...scaledColumn, ...op.f32x4Add, ...op.v128Store(16 * j)]);
    }
  }
  return { name: 'iterate', params: PARAMS, locals: l.declared, body: [...load, ...zero, overTerms(layout, l, [...ratioOfRow(layout, l), ...accumulate]), ...store] };
}

function ratios(layout: Layout, l: Locals): FunctionSpec {
  const load: Bytes[] = [];
  if (layout.inLocals) for (let j = 0; j < layout.vectors; j++) load.push([...op.get(THETA), ...op.v128Load(16 * j), ...op.set(l.theta(j))]);
  return { name: 'ratios', params: PARAMS, locals: l.declared, body: [...load, overTerms(layout, l, ratioOfRow(layout, l))] };
}

/** columns[term] ← table[ids[term]]: the document's rows of exp(E[log β]), copied once per document. */
function gather(layout: Layout, l: Locals): FunctionSpec {
  const copy: Bytes[] = [rowOfTerm(layout, l, TABLE)];
  for (let j = 0; j < layout.vectors; j++) copy.push([...op.get(l.row), ...op.get(l.target), ...op.v128Load(16 * j), ...op.v128Store(16 * j)]);
  return { name: 'gather', params: PARAMS, locals: l.declared, body: [overTerms(layout, l, copy)] };
}

/** sstats[ids[term]] += ratio[term]·θ for every term: the document's share of the M-step statistics. */
function accumulateStatistics(layout: Layout, l: Locals): FunctionSpec {
  const perRow: Bytes[] = [
    rowOfTerm(layout, l, SSTATS),
    [...op.get(RATIO), ...scaled(l.term, 2), ...op.i32Add, ...op.f32Load(), ...op.f32x4Splat, ...op.set(l.splat)],
  ];
  for (let j = 0; j < layout.vectors; j++) {
    perRow.push([
      ...op.get(l.target),
      ...op.get(l.target),
      ...op.v128Load(16 * j),
      ...op.get(l.splat),
      ...op.get(THETA),
      ...op.v128Load(16 * j),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.v128Store(16 * j),
    ]);
  }
  return { name: 'accumulate', params: PARAMS, locals: l.declared, body: [overTerms(layout, l, perRow)] };
}

/**
 * The kernel's functions, all with the same parameters (see above):
 * - `iterate`: one pass of gensim's E-step loop over a document, fused — per term the φ normaliser θ·β_w,
 *   ratio_w = n_w / (θ·β_w + ε), and Σ_w ratio_w·β_w into `sums`;
 * - `ratios`: the ratios alone; `gather`: the document's columns from the table; `accumulate`: its
 *   statistics into `sstats`.
 */
export function fusedKernelFunctions(vectors: number, inLocals = vectors <= MAX_VECTORS_IN_LOCALS): FunctionSpec[] {
  const layout: Layout = { vectors, inLocals };
  const l = locals(layout);
  return [iterate(layout, l), ratios(layout, l), gather(layout, l), accumulateStatistics(layout, l)];
}
