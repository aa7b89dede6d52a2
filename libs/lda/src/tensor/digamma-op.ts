import { Tensor, tf } from './tf';

// tfjs has no digamma kernel. ψ(x) = ψ(x + 3) − 1/x − 1/(x+1) − 1/(x+2), and for y = x + 3 ≥ 3 the
// asymptotic series below is accurate to ~1e-8, well inside float32.
const SHIFT = 3;
const SERIES = [1 / 240, 1 / 252, 1 / 120, 1 / 12];

/**
 * Applies `step` and disposes its input, so that a long chain over a [K, V] matrix keeps two or three
 * tensors alive instead of every intermediate (tfjs-wasm memory never shrinks once grown).
 */
function then<T extends Tensor>(input: Tensor, step: (t: Tensor) => Tensor, keepInput = false): T {
  const output = step(input);
  if (!keepInput) input.dispose();
  return output as T;
}

/** ψ(x) element-wise, for x > 0. */
export function digammaOp<T extends Tensor>(x: T): T {
  const tail = digammaTail(x, true);
  const logY = then(tf.add(x, SHIFT), (y) => tf.log(y));
  const result = tf.sub(logY, tail);
  tf.dispose([logY, tail]);
  return result as T;
}

/** E[log β] for each row of a matrix of Dirichlet parameters: ψ(λ_kw) − ψ(Σ_w λ_kw). */
export function dirichletExpectationRowsOp<T extends Tensor>(params: T): T {
  const sums = tf.sum(params, -1, true);
  const psiSums = then(sums, (s) => digammaOp(s));
  const psi = digammaOp(params);
  const result = then(psi, (p) => tf.sub(p, psiSums));
  psiSums.dispose();
  return result as T;
}

/**
 * The 1/(x+i) terms of the recurrence and the asymptotic series at y = x + SHIFT, as one tensor:
 * ψ(x) = log(y) − tail. Without `fullSeries` the f⁵/132 term (below 3e-9 for y ≥ 3) is left out, where
 * the result only feeds exp().
 */
function digammaTail(x: Tensor, fullSeries: boolean): Tensor {
  let recurrence = tf.reciprocal(x);
  for (let i = 1; i < SHIFT; i++) {
    const shifted = tf.add(x, i);
    const term = then(shifted, (t) => tf.reciprocal(t));
    recurrence = then(recurrence, (r) => tf.add(r, term));
    term.dispose();
  }
  const y = tf.add(x, SHIFT);
  const inv = then(y, (t) => tf.reciprocal(t));
  const f = tf.square(inv);
  // f·(1/12 − f·(1/120 − f·(1/252 − f·(1/240 − f/132))))
  let series: Tensor = fullSeries ? tf.mul(f, 1 / 132) : tf.mul(f, 1 / 240);
  for (const coefficient of fullSeries ? SERIES : SERIES.slice(1)) {
    series = then(series, (s) => tf.sub(coefficient, s));
    series = then(series, (s) => tf.mul(f, s));
  }
  f.dispose();
  const halfInv = then(inv, (t) => tf.mul(t, 0.5));
  let tail = tf.add(recurrence, halfInv);
  tf.dispose([recurrence, halfInv]);
  tail = then(tail, (t) => tf.add(t, series));
  series.dispose();
  return tail;
}

/**
 * exp(E[log β]) = exp(ψ(λ_kw) − ψ(Σ_w λ_kw)) per row, without a logarithm: exp(ψ(x)) = (x + 3)·exp(−tail),
 * which saves the costliest op of the chain on a [K, V] matrix.
 */
export function expDirichletExpectationRowsOp<T extends Tensor>(params: T): T {
  const sums = tf.sum(params, -1, true);
  const psiSums = then(sums, (s) => digammaOp(s));
  let exponent = digammaTail(params, false);
  exponent = then(exponent, (e) => tf.add(e, psiSums));
  psiSums.dispose();
  exponent = then(exponent, (e) => tf.neg(e));
  const scale = tf.add(params, SHIFT);
  const result = then(exponent, (e) => tf.exp(e));
  const out = tf.mul(scale, result);
  tf.dispose([scale, result]);
  return out as T;
}
