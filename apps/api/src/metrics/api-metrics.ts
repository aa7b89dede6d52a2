import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics, on a registry of its own (so several apps can live in one test
 * process). In cluster mode each worker's registry is summed by the primary's AggregatorRegistry.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'topicops_http_request_duration_seconds',
    help: 'HTTP request latency by route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly predictions = new Counter({
    name: 'topicops_predictions_total',
    help: 'Texts whose topic mixture was predicted, by model version',
    labelNames: ['model_version'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'topicops_http_errors_total',
    help: 'Requests answered with an error status, by status code',
    labelNames: ['status_code'] as const,
    registers: [this.registry],
  });

  readonly modelVersion = new Gauge({
    name: 'topicops_model_version',
    help: 'Registry version of the champion model being served (0 while none is loaded)',
    aggregator: 'max',
    registers: [this.registry],
  });

  readonly modelLoadFailures = new Counter({
    name: 'topicops_model_load_failures_total',
    help: 'Model versions that failed to load and were not switched to',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'topicops_' });
    this.modelVersion.set(0);
  }
}
