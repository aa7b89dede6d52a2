import { randomUUID } from 'node:crypto';
import type { ApiResponse } from './http-types';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is reused only when it is short and plain, so it cannot inject into logs or headers.
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** pino-http genReqId: keeps a safe incoming x-request-id, otherwise mints one, and echoes it back. */
export function assignRequestId(req: IncomingMessage, res: ApiResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** First middleware: every request (even one refused before routing) carries its id. */
export function requestIdMiddleware(req: IncomingMessage, res: ApiResponse, next: () => void): void {
  req.id = assignRequestId(req, res);
  next();
}

/** pino-http genReqId: the id the first middleware assigned. */
export function requestIdFor(req: IncomingMessage, res: ApiResponse): string {
  return typeof req.id === 'string' ? req.id : assignRequestId(req, res);
}
