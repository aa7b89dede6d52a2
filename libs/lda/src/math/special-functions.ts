// Special functions in plain JS (float64). tfjs has no digamma/lgamma kernels; these serve the small
// per-document updates, the variational bound and the Newton steps of the Dirichlet priors.

const ASYMPTOTIC_FROM = 6;

/** ψ(x), the digamma function, for x > 0 (recurrence up to 6, then the asymptotic series). */
export function digamma(x: number): number {
  // Σ 1/(x+i) of the recurrence kept as one fraction p/q: a single division instead of one per step.
  let p = 0;
  let q = 1;
  while (x < ASYMPTOTIC_FROM) {
    p = p * x + q;
    q *= x;
    x += 1;
  }
  const inv = 1 / x;
  const f = inv * inv;
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
  return Math.log(x) - 0.5 * inv - series - p / q;
}

/**
 * exp(ψ(x) − c) for x > 0, without a logarithm: with ψ(x) = log(y) − tail(x) after the recurrence up to
 * y ≥ 6, exp(ψ(x) − c) = y·exp(−tail − c). The E-step computes this for every topic of every iteration, so
 * it repeats digamma's few lines rather than share a helper: sharing them (through a module variable for y)
 * measured 27 instead of 18 ns a call and made training 10–15% slower.
 */
export function expDigammaMinus(x: number, c: number): number {
  let p = 0;
  let q = 1;
  while (x < ASYMPTOTIC_FROM) {
    p = p * x + q;
    q *= x;
    x += 1;
  }
  const inv = 1 / x;
  const f = inv * inv;
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
  return x * Math.exp(-0.5 * inv - series - p / q - c);
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
