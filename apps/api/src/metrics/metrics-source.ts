import type { ApiMetrics } from './api-metrics';

/** Where /metrics reads from: this process's registry, or the cluster primary's aggregate. */
export class MetricsSource {
  constructor(
    private readonly metrics: ApiMetrics,
    private readonly clusterMetrics?: () => Promise<string>,
  ) {}

  text(): Promise<string> {
    return this.clusterMetrics ? this.clusterMetrics() : this.metrics.registry.metrics();
  }
}
