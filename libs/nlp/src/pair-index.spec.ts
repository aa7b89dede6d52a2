import { PairIndex } from './pair-index';

describe('PairIndex', () => {
  it('numbers ordered pairs in first-seen order and finds them again after growing', () => {
    const index = new PairIndex(2);
    const pairs: Array<[number, number]> = [];
    for (let a = 0; a < 60; a += 1) for (let b = 0; b < 60; b += 7) pairs.push([a, b]);
    pairs.forEach(([a, b], n) => expect(index.indexOf(a, b)).toBe(n));
    pairs.forEach(([a, b], n) => expect(index.indexOf(a, b)).toBe(n));
    expect(index.size).toBe(pairs.length);
    expect(index.indexOf(7, 0)).not.toBe(index.indexOf(0, 7));
  });

  it('keeps the retained pairs in order under new numbers', () => {
    const index = new PairIndex();
    [
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ].forEach(([a, b]) => index.indexOf(a, b));
    expect(Array.from(index.retain((n) => n % 2 === 1))).toEqual([1, 3]);
    expect(index.size).toBe(2);
    expect([index.first(0), index.second(0), index.first(1), index.second(1)]).toEqual([2, 3, 4, 5]);
    expect(index.indexOf(4, 5)).toBe(1);
    expect(index.indexOf(1, 2)).toBe(2); // dropped pairs come back as new ones
  });
});
