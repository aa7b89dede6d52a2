// Expected values printed by numpy 1.24.2 (Debian python3-numpy), e.g.
// python3 -c "import numpy as np; r = np.random.RandomState(1); print(repr(r.gamma(100., 1./100., 6)))"
import { NumpyRandomState } from '../src/math/numpy-random';

describe('NumpyRandomState (np.random.RandomState)', () => {
  it('gives MT19937 words as numpy seeds it', () => {
    const random = new NumpyRandomState(1);
    // np.random.RandomState(1).tomaxint(1) == [3846349041279680629] == (1791095845 << 31 | 4282876139 >> 1)
    expect([random.nextUint32(), random.nextUint32()]).toEqual([1791095845, 4282876139]);
  });

  it('gives random_sample and standard_normal draw for draw', () => {
    const random = new NumpyRandomState(7);
    expect(random.nextDouble()).toBe(0.07630828937395717);
    expect(random.gauss()).toBe(-0.3206032549443759);
    expect(random.gauss()).toBe(1.4570832287334776);
  });

  it("gives gensim's Gamma(100, 1/100) initialisation draws", () => {
    const random = new NumpyRandomState(1);
    const draws = Array.from({ length: 10 }, () => random.gamma(100, 1 / 100));
    const numpy = [
      1.16778425, 0.93683206, 0.94486201, 0.89334049, 1.18120176, 0.92258804, 1.1498754, 0.80481913, 1.11419334,
      0.89084418,
    ];
    draws.forEach((value, i) => expect(value).toBeCloseTo(numpy[i], 8));
    const fresh = new NumpyRandomState(1).fillGamma(new Float32Array(3), 100, 1 / 100);
    expect(Array.from(fresh)).toEqual(draws.slice(0, 3).map(Math.fround));
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(RangeError);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new NumpyRandomState(1.5)).toThrow(RangeError);
  });
});
