import { STATUS_CODES } from 'node:http';

/** The one error body every endpoint returns: clear for people, stable for programs, no stack traces. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: string[];
  requestId: string;
}

export function apiErrorBody(statusCode: number, message: string, requestId: string, details?: string[]): ApiErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details && details.length ? { details } : {}),
    requestId,
  };
}
