import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage', () => {
  let now = 0;
  const storage = new WindowThrottlerStorage(() => now);

  afterAll(() => storage.close());

  it('counts hits per key in a fixed window and blocks past the limit', async () => {
    now = 1_000;
    expect(await storage.increment('a', 60_000, 2, 60_000)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    await storage.increment('a', 60_000, 2, 60_000);
    expect((await storage.increment('b', 60_000, 2, 60_000)).totalHits).toBe(1);
    now = 31_000;
    expect(await storage.increment('a', 60_000, 2, 60_000)).toEqual({ totalHits: 3, timeToExpire: 30, isBlocked: true, timeToBlockExpire: 60 });
  });

  it('unblocks after the block duration and starts a new window, and sweeps expired windows', async () => {
    now = 91_001;
    expect(await storage.increment('a', 60_000, 2, 60_000)).toMatchObject({ totalHits: 1, isBlocked: false });
    now = 200_000;
    storage.sweep();
    expect(storage.size).toBe(0);
  });
});
