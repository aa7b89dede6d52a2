import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What this app reads from an Express request (the project does not ship @types/express). `id` comes
 * from pino-http's augmentation of IncomingMessage.
 */
export interface ApiRequest extends IncomingMessage {
  body?: unknown;
  ip?: string;
  originalUrl?: string;
  route?: { path?: string };
}

export type ApiResponse = ServerResponse;

export type NextFunction = (error?: unknown) => void;

export function requestIdOf(req: ApiRequest): string {
  return typeof req.id === 'string' ? req.id : String(req.id ?? '');
}
