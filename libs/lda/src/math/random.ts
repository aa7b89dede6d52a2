// Seeded, counter-based randomness: every draw is a pure function of (seed, stream, index), so results do
// not depend on how documents are split into chunks, sub-batches or worker threads.

const GOLDEN = 0x9e3779b9;

function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A small fast PRNG (sfc32) seeded from the hash of its key. */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(...key: number[]) {
    let h = 0x6a09e667;
    for (const part of key) h = mix32(h ^ mix32((part >>> 0) + GOLDEN + Math.floor(part / 4294967296)));
    this.a = mix32(h ^ 0x1b873593);
    this.b = mix32(h ^ 0xcc9e2d51);
    this.c = mix32(h ^ 0xe6546b64);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Gamma(shape, scale) for shape ≥ 1 (Marsaglia & Tsang). */
  gamma(shape: number, scale: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      // Marsaglia & Tsang's squeeze: accepts most draws without a logarithm, never one the full test rejects.
      const xx = x * x;
      if (u < 1 - 0.0331 * xx * xx) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  }
}

/**
 * gensim initialises variational parameters with Gamma(100, 1/100) draws (mean 1, sd 0.1); `out` gets
 * `count` of them from the stream keyed by `key`.
 */
export function fillGensimGammaInit(out: Float32Array, offset: number, count: number, ...key: number[]): void {
  const stream = new RandomStream(...key);
  for (let i = 0; i < count; i++) out[offset + i] = stream.gamma(100, 1 / 100);
}
