import { Bytes, F32, FunctionSpec, I32, V128, op } from './wasm-encoder';

// The M-step's element-wise work over term-major V × Kp matrices, four topics per instruction:
// `blend` updates the statistics and sums λ per topic, `expDirichlet` turns λ into exp(E[log β]).
// Parameters (byte addresses, then counts and factors), the same for both functions:
const SSTATS = 0; // gensim's sstats, V × Kp, updated in place
const STATS = 1; // the chunks' statistics (before ⊙ exp(E[log β])), V × Kp
const EXP_ELOGBETA = 2; // exp(E[log β]), V × Kp: read by `blend`, written by `expDirichlet`
const ETA = 3; // η per term, V floats
const TOPIC_VALUES = 4; // Kp floats: Σ_w λ_kw out of `blend`; ψ(Σ_w λ_kw) into `expDirichlet`
const ROWS = 5; // V
const KEEP = 6; // 1 − ρ
const ADD = 7; // ρ · D / n
const PARAMS = [I32, I32, I32, I32, I32, I32, F32, F32];

const LOG2E = 1.4426950408889634;
// Cephes expf: ln 2 split in two for the range reduction, and the polynomial of e^r on [−ln2/2, ln2/2].
const LN2_HIGH = 0.693359375;
const LN2_LOW = -2.1219444e-4;
const EXP_POLYNOMIAL = [1.98756915e-4, 1.39819995e-3, 8.33345191e-3, 4.16657959e-2, 1.66666655e-1, 5.00000012e-1];
// Arguments of exp are clamped to [EXP_MIN, EXP_MAX], and e^z below EXP_MIN is returned as 0: the float32
// values there (below 1.6e-38) would be denormals, which cost x86 a microcode assist per element (measured:
// the pass ran 5× slower on a real λ) and weigh nothing next to the φ normaliser's ε.
const EXP_MIN = -87;
const EXP_MAX = 88;
// The digamma recurrence up to y = x + 3, then the asymptotic series (as the tensor digamma).
const SHIFT = 3;
const SERIES = [1 / 240, 1 / 252, 1 / 120, 1 / 12];

const L = (() => {
  const base = PARAMS.length;
  return {
    row: base, // term index
    offset: base + 1, // byte offset of the current 4-topic vector in a V × Kp matrix
    vector: base + 2, // 4-topic vector index in the row
    eta: base + 3, // η of the row, splat
    x: base + 4,
    y: base + 5,
    t: base + 6,
    u: base + 7,
    declared: [
      [3, I32],
      [5, V128],
    ] as Array<[number, number]>,
  };
})();

const at = (param: number, offset = 0): Bytes => [
  ...op.get(param),
  ...op.get(L.offset),
  ...op.i32Add,
  ...op.v128Load(offset),
];
const splat = (value: number): Bytes => op.f32x4Const(value);

/** for (row = 0; row < ROWS; row++) { eta ← splat(η[row]); for each vector of the row: perVector } */
function overMatrix(vectors: number, perVector: Bytes[]): Bytes[] {
  const inner = op.loop(
    [...op.get(L.vector), ...op.i32(vectors), ...op.i32Eq, ...op.brIf(1)],
    ...perVector,
    [...op.get(L.offset), ...op.i32(16), ...op.i32Add, ...op.set(L.offset)],
    [...op.get(L.vector), ...op.i32(1), ...op.i32Add, ...op.set(L.vector), ...op.br(0)],
  );
  return [
    [...op.i32(0), ...op.set(L.row), ...op.i32(0), ...op.set(L.offset)],
    op.loop(
      [...op.get(L.row), ...op.get(ROWS), ...op.i32Eq, ...op.brIf(1)],
      [
        ...op.get(ETA),
        ...op.get(L.row),
        ...op.i32(2),
        ...op.i32Shl,
        ...op.i32Add,
        ...op.f32Load(),
        ...op.f32x4Splat,
        ...op.set(L.eta),
      ],
      [...op.i32(0), ...op.set(L.vector)],
      inner,
      [...op.get(L.row), ...op.i32(1), ...op.i32Add, ...op.set(L.row), ...op.br(0)],
    ),
  ];
}

/** The topic vector `vector` of TOPIC_VALUES: address on the stack for a load or store. */
const topicAddress: Bytes = [...op.get(TOPIC_VALUES), ...op.get(L.vector), ...op.i32(4), ...op.i32Shl, ...op.i32Add];

/**
 * sstats ← KEEP·sstats + ADD·stats ⊙ exp(E[log β]) (gensim's blend with the statistics finished as in its
 * E-step), and TOPIC_VALUES += sstats + η per topic (Σ_w λ_kw; zero it first).
 */
function blend(vectors: number): FunctionSpec {
  const perVector: Bytes[] = [
    [
      ...op.get(SSTATS),
      ...op.get(L.offset),
      ...op.i32Add,
      ...at(SSTATS),
      ...op.get(KEEP),
      ...op.f32x4Splat,
      ...op.f32x4Mul,
      ...at(STATS),
      ...at(EXP_ELOGBETA),
      ...op.f32x4Mul,
      ...op.get(ADD),
      ...op.f32x4Splat,
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.set(L.x),
      ...op.get(L.x),
      ...op.v128Store(),
    ],
    [
      ...topicAddress,
      ...topicAddress,
      ...op.v128Load(),
      ...op.get(L.x),
      ...op.get(L.eta),
      ...op.f32x4Add,
      ...op.f32x4Add,
      ...op.v128Store(),
    ],
  ];
  return { name: 'blend', params: PARAMS, locals: L.declared, body: overMatrix(vectors, perVector) };
}

/** local ← e^local for float32 (Cephes expf: range reduction by ln 2, a degree-6 polynomial, 2^n), 0 below EXP_MIN. */
function expInPlace(local: number): Bytes {
  const n = L.y; // scratch: the caller recomputes y afterwards
  const r = L.t;
  const kept = L.u; // lanes at or above EXP_MIN: all ones
  let polynomial: Bytes = [...op.get(r), ...splat(EXP_POLYNOMIAL[0]), ...op.f32x4Mul];
  for (const coefficient of EXP_POLYNOMIAL.slice(1)) {
    polynomial = [...polynomial, ...splat(coefficient), ...op.f32x4Add, ...op.get(r), ...op.f32x4Mul];
  }
  // (…)·r² + r + 1: the loop above ends in ·r, one more ·r gives r².
  polynomial = [...polynomial, ...op.get(r), ...op.f32x4Mul, ...op.get(r), ...op.f32x4Add, ...splat(1), ...op.f32x4Add];
  const powerOfTwo = [
    ...op.get(n),
    ...op.i32x4TruncSatF32x4S,
    ...op.i32x4Const(127),
    ...op.i32x4Add,
    ...op.i32(23),
    ...op.i32x4Shl,
  ];
  return [
    ...op.get(local),
    ...splat(EXP_MIN),
    ...op.f32x4Gt,
    ...op.set(kept),
    ...op.get(local),
    ...splat(EXP_MIN),
    ...op.f32x4Max,
    ...splat(EXP_MAX),
    ...op.f32x4Min,
    ...op.set(local),
    ...op.get(local),
    ...splat(LOG2E),
    ...op.f32x4Mul,
    ...op.f32x4Nearest,
    ...op.set(n),
    ...op.get(local),
    ...op.get(n),
    ...splat(LN2_HIGH),
    ...op.f32x4Mul,
    ...op.f32x4Sub,
    ...op.get(n),
    ...splat(LN2_LOW),
    ...op.f32x4Mul,
    ...op.f32x4Sub,
    ...op.set(r),
    ...polynomial,
    ...powerOfTwo,
    ...op.f32x4Mul,
    ...op.get(kept),
    ...op.v128And,
    ...op.set(local),
  ];
}

/**
 * exp(E[log β]) ← exp(ψ(λ) − ψ(Σ_w λ)) with λ = sstats + η and ψ(Σ_w λ) per topic in TOPIC_VALUES:
 * ψ(x) = log(y) − tail with y = x + 3, so exp(ψ(x) − c) = y·exp(−tail − c), no logarithm.
 */
function expDirichlet(vectors: number): FunctionSpec {
  const x = L.x;
  const y = L.y;
  const t = L.t; // tail
  const u = L.u;
  const reciprocal = (shift: number): Bytes => [
    ...splat(1),
    ...op.get(x),
    ...(shift ? [...splat(shift), ...op.f32x4Add] : []),
    ...op.f32x4Div,
  ];
  let series: Bytes = [...op.get(u), ...splat(1 / 132), ...op.f32x4Mul];
  for (const coefficient of SERIES)
    series = [...splat(coefficient), ...series, ...op.f32x4Sub, ...op.get(u), ...op.f32x4Mul];
  const perVector: Bytes[] = [
    [...at(SSTATS), ...op.get(L.eta), ...op.f32x4Add, ...op.set(x)],
    [...reciprocal(0), ...reciprocal(1), ...op.f32x4Add, ...reciprocal(2), ...op.f32x4Add, ...op.set(t)],
    [...op.get(x), ...splat(SHIFT), ...op.f32x4Add, ...op.set(y)],
    // u ← 1/y; tail += u/2; u ← u² for the series.
    [...splat(1), ...op.get(y), ...op.f32x4Div, ...op.set(u)],
    [...op.get(t), ...op.get(u), ...splat(0.5), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(t)],
    [...op.get(u), ...op.get(u), ...op.f32x4Mul, ...op.set(u)],
    [...op.get(t), ...series, ...op.f32x4Add, ...op.set(t)],
    // x ← −tail − ψ(Σλ), then e^x (exp uses y, t and u as scratch, so y is recomputed for the product).
    [...op.get(t), ...op.f32x4Neg, ...topicAddress, ...op.v128Load(), ...op.f32x4Sub, ...op.set(x)],
    expInPlace(x),
    [
      ...op.get(EXP_ELOGBETA),
      ...op.get(L.offset),
      ...op.i32Add,
      ...at(SSTATS),
      ...op.get(L.eta),
      ...op.f32x4Add,
      ...splat(SHIFT),
      ...op.f32x4Add,
      ...op.get(x),
      ...op.f32x4Mul,
      ...op.v128Store(),
    ],
  ];
  return { name: 'expDirichlet', params: PARAMS, locals: L.declared, body: overMatrix(vectors, perVector) };
}

/** The M-step kernel's functions for rows of `vectors` 4-topic vectors. */
export function mstepKernelFunctions(vectors: number): FunctionSpec[] {
  return [blend(vectors), expDirichlet(vectors)];
}
