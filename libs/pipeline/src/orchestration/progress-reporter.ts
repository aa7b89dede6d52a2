/**
 * Turns a stage's frequent progress callbacks into at most one write per interval (plus the last one),
 * written in order, never concurrently. Write failures are reported, not thrown: progress is advisory.
 */
export class ProgressReporter {
  private lastWritten = -1;
  private lastWriteAt = 0;
  private pendingFraction: number | null = null;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (fraction: number, message?: string) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 500,
  ) {}

  report(fraction: number, message?: string): void {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    this.pendingFraction = clamped;
    const due = Date.now() - this.lastWriteAt >= this.intervalMs;
    if (due) {
      this.enqueue(message);
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.enqueue(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes whatever is pending and waits for every write. */
  async flush(): Promise<void> {
    this.enqueue();
    await this.chain;
  }

  /** Drops pending writes (the job ended); waits for the one in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pendingFraction = null;
    await this.chain;
  }

  private enqueue(message?: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const fraction = this.pendingFraction;
    this.pendingFraction = null;
    if (fraction === null || (fraction === this.lastWritten && message === undefined)) return;
    this.lastWritten = fraction;
    this.lastWriteAt = Date.now();
    this.chain = this.chain.then(() => this.write(fraction, message)).catch(this.onError);
  }
}
