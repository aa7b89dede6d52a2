import { mapConcurrent } from './map-concurrent';

describe('mapConcurrent', () => {
  it('keeps the source order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const results: number[] = [];
    const delays = [30, 5, 20, 1, 10, 2];
    for await (const value of mapConcurrent(delays.entries(), 3, async ([index, delay]) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index;
    })) {
      results.push(value);
    }
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });

  it('rethrows a failure in order', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const value of mapConcurrent([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      })) {
        seen.push(value);
      }
    };
    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
