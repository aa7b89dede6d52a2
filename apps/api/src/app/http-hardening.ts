import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { sendError } from '../common/api-error';
import { ApiRequest, ApiResponse, NextFunction, requestIdOf } from '../common/http-types';

/**
 * Security headers. The CSP allows what Swagger UI at /docs needs (its own scripts and styles, inline
 * styles, data: images) and nothing from other origins.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Served over plain HTTP behind no proxy, upgraded asset URLs would break Swagger UI.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies must be JSON: anything else is refused with 415 instead of reaching the handlers empty. */
export function requireJsonBodies(req: ApiRequest, res: ApiResponse, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'] ?? '';
  if (!BODY_METHODS.has(req.method ?? '') || !hasBody || /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    next();
    return;
  }
  sendError(res, 415, 'Send the body as JSON with content-type: application/json', requestIdOf(req));
}

export function enableCors(app: INestApplication, origins: string[]): void {
  if (!origins.length) return;
  app.enableCors({
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
