import type { ApiRequest, ApiResponse, NextFunction } from '../common/http-types';
import type { ApiMetrics } from './api-metrics';

/** Observes every request's latency once the response is sent, labelled by the matched route pattern. */
export function requestMetricsMiddleware(metrics: ApiMetrics) {
  return (req: ApiRequest, res: ApiResponse, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ?? 'unmatched';
      const statusCode = String(res.statusCode);
      metrics.requestDuration.observe({ method: req.method ?? 'GET', route, status_code: statusCode }, seconds);
      if (res.statusCode >= 400) metrics.errors.inc({ status_code: statusCode });
    });
    next();
  };
}
