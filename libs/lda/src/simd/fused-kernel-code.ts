import { Bytes, F32, FunctionSpec, I32, V128, op } from './wasm-encoder';

/** numpy's float32 machine epsilon, added to every φ normaliser as gensim does. */
const EPSILON = 1.1920928955078125e-7;
/**
 * Up to this many 4-topic vectors (K ≤ 24), θ and the sums live in locals (registers); beyond, V8 spills
 * them anyway and reading them from memory measured faster.
 */
export const MAX_VECTORS_IN_LOCALS = 6;

// Parameters shared by both functions: byte addresses and the document's number of terms.
const COLUMNS = 0;
const COUNTS = 1;
const THETA = 2;
const RATIO = 3;
const SUMS = 4;
const TERMS = 5;
const ROW_BYTES_SHIFT = 4; // 16 bytes per vector

interface Layout {
  vectors: number;
  inLocals: boolean;
}

/** Locals after the parameters: i (term), row (address), ratio value, then v128 accumulators. */
function locals(params: number, layout: Layout) {
  const term = params;
  const row = params + 1;
  const value = params + 2;
  const dot = params + 3;
  const splat = params + 4;
  const theta = (j: number) => params + 5 + j;
  const sum = (j: number) => params + 5 + layout.vectors + j;
  const v128Count = 2 + (layout.inLocals ? 2 * layout.vectors : 0);
  return { term, row, value, dot, splat, theta, sum, declared: [[2, I32], [1, F32], [v128Count, V128]] as Array<[number, number]> };
}

function thetaVector(layout: Layout, l: ReturnType<typeof locals>, j: number): Bytes {
  return layout.inLocals ? op.get(l.theta(j)) : [...op.get(THETA), ...op.v128Load(16 * j)];
}

/** dot ← Σ_j column_j · θ_j over the row at `row`; value ← count / (horizontal sum + ε); ratio[term] ← value. */
function ratioOfRow(layout: Layout, l: ReturnType<typeof locals>): Bytes[] {
  const products: Bytes[] = [];
  for (let j = 0; j < layout.vectors; j++) {
    products.push([...op.get(l.row), ...op.v128Load(16 * j), ...thetaVector(layout, l, j), ...op.f32x4Mul]);
    if (j > 0) products.push(op.f32x4Add);
  }
  return [
    ...products,
    op.set(l.dot),
    [...op.get(COUNTS), ...op.get(l.term), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.f32Load()],
    [...op.get(l.dot), ...op.f32x4ExtractLane(0), ...op.get(l.dot), ...op.f32x4ExtractLane(1), ...op.f32Add],
    [...op.get(l.dot), ...op.f32x4ExtractLane(2), ...op.f32Add, ...op.get(l.dot), ...op.f32x4ExtractLane(3), ...op.f32Add],
    [...op.f32(EPSILON), ...op.f32Add, ...op.f32Div, ...op.set(l.value)],
    [...op.get(RATIO), ...op.get(l.term), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.get(l.value), ...op.f32Store()],
  ];
}

/** Loops over the document's terms running `perRow`, advancing `row` by one padded column. */
function overTerms(layout: Layout, l: ReturnType<typeof locals>, perRow: Bytes[]): Bytes {
  return [
    ...op.i32(0),
    ...op.set(l.term),
    ...op.get(COLUMNS),
    ...op.set(l.row),
    ...op.loop(
      [...op.get(l.term), ...op.get(TERMS), ...op.i32Eq, ...op.brIf(1)],
      ...perRow,
      [...op.get(l.row), ...op.i32(layout.vectors << ROW_BYTES_SHIFT), ...op.i32Add, ...op.set(l.row)],
      [...op.get(l.term), ...op.i32(1), ...op.i32Add, ...op.set(l.term), ...op.br(0)],
    ),
  ];
}

/**
 * `iterate(columns, counts, theta, ratio, sums, terms)`: one pass of gensim's E-step loop over a document,
 * fused — for each term the φ normaliser θ·β_w, ratio_w = n_w / (θ·β_w + ε), and Σ_w ratio_w·β_w into
 * `sums` (K floats). `ratios(...)` computes the ratios alone (for the final statistics).
 */
export function fusedKernelFunctions(vectors: number, inLocals = vectors <= MAX_VECTORS_IN_LOCALS): FunctionSpec[] {
  const layout: Layout = { vectors, inLocals };
  const params = [I32, I32, I32, I32, I32, I32];
  const l = locals(params.length, layout);
  const loadTheta: Bytes[] = [];
  const zeroSums: Bytes[] = [];
  const storeSums: Bytes[] = [];
  const accumulate: Bytes[] = [[...op.get(l.value), ...op.f32x4Splat, ...op.set(l.splat)]];
  for (let j = 0; j < vectors; j++) {
    const columnTimesRatio = [...op.get(l.row), ...op.v128Load(16 * j), ...op.get(l.splat), ...op.f32x4Mul];
    if (layout.inLocals) {
      loadTheta.push([...op.get(THETA), ...op.v128Load(16 * j), ...op.set(l.theta(j))]);
      zeroSums.push([...op.v128Zero, ...op.set(l.sum(j))]);
      storeSums.push([...op.get(SUMS), ...op.get(l.sum(j)), ...op.v128Store(16 * j)]);
      accumulate.push([...op.get(l.sum(j)), ...columnTimesRatio, ...op.f32x4Add, ...op.set(l.sum(j))]);
    } else {
      zeroSums.push([...op.get(SUMS), ...op.v128Zero, ...op.v128Store(16 * j)]);
      accumulate.push([...op.get(SUMS), ...op.get(SUMS), ...op.v128Load(16 * j), ...columnTimesRatio, ...op.f32x4Add, ...op.v128Store(16 * j)]);
    }
  }
  return [
    {
      name: 'iterate',
      params,
      locals: l.declared,
      body: [...loadTheta, ...zeroSums, overTerms(layout, l, [...ratioOfRow(layout, l), ...accumulate]), ...storeSums],
    },
    { name: 'ratios', params, locals: l.declared, body: [...loadTheta, overTerms(layout, l, ratioOfRow(layout, l))] },
  ];
}
