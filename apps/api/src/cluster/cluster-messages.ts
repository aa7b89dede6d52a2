/** IPC between the cluster primary and its workers (beside prom-client's own aggregation messages). */
export const METRICS_REQUEST = 'topicops:metrics-request';
export const METRICS_RESPONSE = 'topicops:metrics-response';

export interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}

export interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

export function isMetricsRequest(message: unknown): message is MetricsRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === METRICS_REQUEST;
}

export function isMetricsResponse(message: unknown): message is MetricsResponse {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === METRICS_RESPONSE;
}
