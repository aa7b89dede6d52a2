import type { ApiRequest, ApiResponse, NextFunction } from '../common/http-types';
import type { ApiMetrics } from './api-metrics';

/** Observes a request's latency once its response is sent; `route` is the matched route pattern. */
export function observeWhenFinished(metrics: ApiMetrics, req: ApiRequest, res: ApiResponse, route: () => string): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const statusCode = String(res.statusCode);
    metrics.requestDuration.observe({ method: req.method ?? 'GET', route: route(), status_code: statusCode }, seconds);
    if (res.statusCode >= 400) metrics.errors.inc({ status_code: statusCode });
  });
}

/** Every request's latency, labelled by the Express route that matched it. */
export function requestMetricsMiddleware(metrics: ApiMetrics) {
  return (req: ApiRequest, res: ApiResponse, next: NextFunction): void => {
    observeWhenFinished(metrics, req, res, () => req.route?.path ?? 'unmatched');
    next();
  };
}
