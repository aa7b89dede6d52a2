// Special functions in plain JS (float64). tfjs has no digamma/lgamma kernels; these serve the small
// per-document updates, the variational bound and the Newton steps of the Dirichlet priors.

const ASYMPTOTIC_FROM = 6;

/** y, the argument after digammaTail's recurrence (a module variable: the E-step calls this per topic, per iteration). */
let shifted = 0;

/**
 * ψ(x) = log(y) − tail for x > 0: the recurrence up to y ≥ 6 (its Σ 1/(x+i) kept as one fraction p/q, a
 * single division) plus the asymptotic series at y. Leaves y in `shifted`.
 */
function digammaTail(x: number): number {
  let p = 0;
  let q = 1;
  while (x < ASYMPTOTIC_FROM) {
    p = p * x + q;
    q *= x;
    x += 1;
  }
  shifted = x;
  const inv = 1 / x;
  const f = inv * inv;
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
  return 0.5 * inv + series + p / q;
}

/** ψ(x), the digamma function, for x > 0. */
export function digamma(x: number): number {
  const tail = digammaTail(x);
  return Math.log(shifted) - tail;
}

/** exp(ψ(x) − c) for x > 0 as y·exp(−tail − c), without a logarithm: the E-step's exp(E[log θ]). */
export function expDigammaMinus(x: number, c: number): number {
  const tail = digammaTail(x);
  return shifted * Math.exp(-tail - c);
}

/** ψ₁(x), the trigamma function (scipy's polygamma(1, x)), for x > 0. */
export function trigamma(x: number): number {
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const f = inv * inv;
  return shift + inv + f / 2 + inv * f * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos approximation, ~1e-14 relative). */
export function lgamma(x: number): number {
  if (x < 0.5) return lgamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** E[log θ] under Dirichlet(params) written into `out`: ψ(params_k) − ψ(Σ params). */
export function dirichletExpectation(
  params: ArrayLike<number>,
  out: Float64Array | Float32Array,
  offset = 0,
  length = params.length,
): void {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += params[offset + k];
  const psiSum = digamma(sum);
  for (let k = 0; k < length; k++) out[offset + k] = digamma(params[offset + k]) - psiSum;
}
