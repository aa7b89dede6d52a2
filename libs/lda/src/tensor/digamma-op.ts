import { Tensor, tf } from './tf';

// tfjs has no digamma kernel. ψ(x) = ψ(x + 3) − 1/x − 1/(x+1) − 1/(x+2), and for y = x + 3 ≥ 3 the
// asymptotic series below is accurate to ~1e-8, well inside float32.
const SHIFT = 3;

/** ψ(x) element-wise, for x > 0. */
export function digammaOp<T extends Tensor>(x: T): T {
  return tf.tidy(() => {
    let recurrence = tf.reciprocal(x);
    for (let i = 1; i < SHIFT; i++) recurrence = tf.add(recurrence, tf.reciprocal(tf.add(x, i)));
    const y = tf.add(x, SHIFT);
    const inv = tf.reciprocal(y);
    const f = tf.square(inv);
    // f·(1/12 − f·(1/120 − f·(1/252 − f·(1/240 − f/132))))
    let series = tf.sub(1 / 240, tf.mul(f, 1 / 132));
    series = tf.sub(1 / 252, tf.mul(f, series));
    series = tf.sub(1 / 120, tf.mul(f, series));
    series = tf.mul(f, tf.sub(1 / 12, tf.mul(f, series)));
    return tf.sub(tf.sub(tf.sub(tf.log(y), tf.mul(inv, 0.5)), series), recurrence) as T;
  });
}

/** E[log β] for each row of a matrix of Dirichlet parameters: ψ(λ_kw) − ψ(Σ_w λ_kw). */
export function dirichletExpectationRowsOp<T extends Tensor>(params: T): T {
  return tf.tidy(() => tf.sub(digammaOp(params), digammaOp(tf.sum(params, -1, true))) as T);
}
