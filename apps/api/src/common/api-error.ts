import { STATUS_CODES, ServerResponse } from 'node:http';

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

/** Writes an error answer on a plain Node response. */
export function sendError(res: ServerResponse, statusCode: number, message: string, requestId: string, details?: string[]): void {
  res.statusCode = statusCode;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(apiErrorBody(statusCode, message, requestId, details)));
}
