// numpy's legacy RandomState (MT19937 with its gamma and Gaussian samplers), draw for draw: gensim seeds
// LdaModel with np.random.RandomState(random_state), so the same seed gives the same initial topics and
// the same γ starting values as gensim, and a model can be compared with gensim's seed by seed.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** np.random.RandomState(seed): Mersenne Twister MT19937 and numpy's legacy distributions. */
export class NumpyRandomState {
  private readonly key = new Uint32Array(N);
  private position = N;
  private hasSpareGauss = false;
  private spareGauss = 0;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer from 0 to 2**32 - 1 (got ${seed})`);
    }
    let value = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.key[i] = value;
      value = (Math.imul(1812433253, value ^ (value >>> 30)) + i + 1) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.position >= N) this.regenerate();
    let y = this.key[this.position++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (random_sample). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal by the polar method, caching the second value (legacy_gauss). */
  gauss(): number {
    if (this.hasSpareGauss) {
      this.hasSpareGauss = false;
      return this.spareGauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareGauss = f * x1;
    this.hasSpareGauss = true;
    return f * x2;
  }

  /** Gamma(shape, scale) for shape > 1 (legacy_gamma: Marsaglia & Tsang with numpy's squeeze). */
  gamma(shape: number, scale: number): number {
    if (!(shape > 1)) throw new RangeError(`only shapes above 1 are implemented (got ${shape})`);
    const b = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * b);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.gauss();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.nextDouble();
      if (u < 1 - 0.0331 * (x * x) * (x * x)) return scale * (b * v);
      if (Math.log(u) < 0.5 * x * x + b * (1 - v + Math.log(v))) return scale * (b * v);
    }
  }

  /** `out.length` Gamma(shape, scale) draws in order, rounded to float32 as gensim's astype(float32). */
  fillGamma(out: Float32Array, shape: number, scale: number): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.gamma(shape, scale);
    return out;
  }

  private regenerate(): void {
    const key = this.key;
    let kk = 0;
    let y: number;
    // −(y & 1) & MATRIX_A is MT19937's mag01[y & 1] without a branch.
    for (; kk < N - M; kk++) {
      y = (key[kk] & UPPER_MASK) | (key[kk + 1] & LOWER_MASK);
      key[kk] = key[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      y = (key[kk] & UPPER_MASK) | (key[kk + 1] & LOWER_MASK);
      key[kk] = key[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.position = 0;
  }
}
