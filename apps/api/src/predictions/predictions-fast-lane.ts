import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { BadRequestException, PayloadTooLargeException, ValidationPipe } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Logger } from '@topicops/config';
import pinoHttp, { HttpLogger } from 'pino-http';
import { respondWithError } from '../common/all-exceptions.filter';
import { httpLoggerOptions } from '../common/http-logger';
import type { ApiRequest, ApiResponse } from '../common/http-types';
import { requestIdMiddleware } from '../common/request-id';
import { observeWhenFinished } from '../metrics/request-metrics.middleware';
import type { ApiMetrics } from '../metrics/api-metrics';
import type { ApiKeyStore } from '../security/api-key-store';
import { authorize } from '../security/authorize';
import type { WindowThrottlerStorage } from '../security/window-throttler-storage';
import { PredictRequestDto } from './predict-request.dto';
import type { PredictionsService } from './predictions.service';

type Middleware = (req: ApiRequest, res: ApiResponse, next: (error?: unknown) => void) => void;

export interface FastLaneParts {
  service: PredictionsService;
  validation: ValidationPipe;
  keys: ApiKeyStore;
  throttlerStorage: WindowThrottlerStorage;
  metrics: ApiMetrics;
  logger: Logger;
  /** The app's own middleware, run in the app's order: security headers, then the JSON-only check. */
  securityHeaders: Middleware;
  requireJson: Middleware;
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** With CORS configured, cross-origin calls take the regular path, which owns the CORS headers. */
  corsEnabled: boolean;
}

const ROUTE = '/v1/predictions';
const WINDOW_MS = 60_000;
// The key the global ThrottlerGuard uses for PredictionsController.predict, so both paths share one count.
const THROTTLE_KEY_PREFIX = 'PredictionsController:predict:default:';

/**
 * POST /v1/predictions without the router: the same steps as the Nest route (request id, request log,
 * latency metric, security headers, JSON-only, body limit, rate limit, API key, ValidationPipe,
 * PredictionsService, error bodies), each done by the same code, minus Express's and Nest's per-request
 * dispatch, which costs more CPU than the prediction itself. Anything unusual (compressed or non-UTF-8
 * bodies, CORS requests) takes the regular path.
 */
export class PredictionsFastLane {
  private readonly httpLogger: HttpLogger;

  constructor(private readonly parts: FastLaneParts) {
    this.httpLogger = pinoHttp(httpLoggerOptions(parts.logger));
  }

  /** Puts the lane in front of the app's request handler on `server`. */
  install(server: Server): void {
    const [appHandler] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.accepts(req)) void this.handle(req as ApiRequest, res);
      else appHandler(req, res);
    });
  }

  accepts(req: IncomingMessage): boolean {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const end = url.indexOf('?');
    const path = end === -1 ? url : url.slice(0, end);
    if (path !== ROUTE && path !== `${ROUTE}/`) return false;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
    const charset = /;\s*charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset.replace(/"/g, ''))) return false;
    return !(this.parts.corsEnabled && req.headers.origin !== undefined);
  }

  private async handle(req: ApiRequest, res: ApiResponse): Promise<void> {
    const { parts } = this;
    try {
      requestIdMiddleware(req, res, () => undefined);
      this.httpLogger(req, res);
      observeWhenFinished(parts.metrics, req, res, () => ROUTE);
      if (!(await runMiddleware(parts.securityHeaders, req, res)) || !(await runMiddleware(parts.requireJson, req, res))) return;
      const body = await readJsonBody(req, parts.bodyLimitBytes);
      await this.throttle(req, res);
      await authorize('predict', req.headers, parts.keys);
      const dto = (await parts.validation.transform(body, { type: 'body', metatype: PredictRequestDto, data: '' })) as PredictRequestDto;
      const result = await parts.service.predict(dto);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(result));
    } catch (error) {
      // The rest of an oversized body is not worth reading: close the connection after the answer.
      if (error instanceof PayloadTooLargeException && !res.headersSent) res.setHeader('connection', 'close');
      respondWithError(req, res, error, parts.logger);
    }
  }

  private async throttle(req: ApiRequest, res: ApiResponse): Promise<void> {
    const limit = this.parts.rateLimitPerMinute;
    const tracker = req.socket.remoteAddress ?? '';
    const record = await this.parts.throttlerStorage.increment(`${THROTTLE_KEY_PREFIX}${tracker}`, WINDOW_MS, limit, WINDOW_MS);
    if (record.isBlocked) {
      res.setHeader('Retry-After', record.timeToBlockExpire);
      throw new ThrottlerException();
    }
    res.setHeader('X-RateLimit-Limit', limit);
    res.setHeader('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    res.setHeader('X-RateLimit-Reset', record.timeToExpire);
  }
}

/** Runs a connect-style middleware; resolves false when it answered the request itself. */
function runMiddleware(middleware: Middleware, req: ApiRequest, res: ApiResponse): Promise<boolean> {
  return new Promise((resolve, reject) => {
    middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(true)));
    if (res.writableEnded) resolve(false);
  });
}

/** The body as JSON (an empty body is `{}`, as body-parser gives), refusing more than `limit` bytes. */
function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new PayloadTooLargeException('The request body is larger than the configured limit (BODY_LIMIT)');
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > limit) return reject(tooLarge());
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        // The regular path turns body-parser's SyntaxError into a 400 with the parser's words; so does this.
        reject(new BadRequestException(error instanceof Error ? error.message : 'The request body is not valid JSON'));
      }
    });
  });
}
