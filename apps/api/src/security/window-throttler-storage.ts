import type { ThrottlerStorage } from '@nestjs/throttler';

interface ThrottleRecord {
  windowEndsAt: number;
  hits: number;
  blockedUntil: number;
}

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * A fixed-window hit counter per client and route. @nestjs/throttler's default storage arms one timer per
 * request and filters an array of all pending timers when each fires, which grows quadratically under load;
 * here a request costs one Map lookup, and a sweep drops expired windows once per window length.
 */
export class WindowThrottlerStorage implements ThrottlerStorage {
  private readonly records = new Map<string, ThrottleRecord>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.ensureSweeper(ttl);
    let record = this.records.get(key);
    if (!record || (record.windowEndsAt <= now && record.blockedUntil <= now)) {
      record = { windowEndsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.records.set(key, record);
    }
    if (record.blockedUntil <= now) {
      record.hits += 1;
      if (record.hits > limit) record.blockedUntil = now + blockDuration;
    }
    const isBlocked = record.blockedUntil > now;
    return {
      totalHits: record.hits,
      timeToExpire: Math.max(0, Math.ceil((record.windowEndsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((record.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Stops the sweep timer (it is unref'd, so it never keeps a process alive on its own). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  sweep(): void {
    const now = this.now();
    for (const [key, record] of this.records) {
      if (record.windowEndsAt <= now && record.blockedUntil <= now) this.records.delete(key);
    }
  }

  get size(): number {
    return this.records.size;
  }

  private ensureSweeper(ttl: number): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, ttl));
    this.sweeper.unref();
  }
}
