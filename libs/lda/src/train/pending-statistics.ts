/** Statistics gathered since the last M-step. */
export class PendingStatistics {
  stats: Float32Array | null = null;
  docs = 0;

  add(stats: Float32Array | null, docs: number): void {
    this.docs += docs;
    if (!stats) return;
    if (!this.stats) this.stats = stats;
    else for (let i = 0; i < stats.length; i++) this.stats[i] += stats[i];
  }

  take(numValues: number): { stats: Float32Array; docs: number } {
    const taken = { stats: this.stats ?? new Float32Array(numValues), docs: this.docs };
    this.stats = null;
    this.docs = 0;
    return taken;
  }
}
