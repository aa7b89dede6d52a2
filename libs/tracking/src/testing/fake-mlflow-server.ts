import { AddressInfo } from 'node:net';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { FakeApiError, STATUS_BY_CODE, invalid } from './fake-api-error';
import { handleArtifactRequest } from './fake-artifact-routes';
import { registryRoutes } from './fake-registry-routes';
import { FakeMlflowState } from './fake-state';
import { RouteHandler, trackingRoutes } from './fake-tracking-routes';

const API_PREFIX = '/api/2.0/mlflow/';
const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';
const ROUTES: Record<string, RouteHandler> = { ...trackingRoutes, ...registryRoutes };

export interface FakeMlflowServerOptions {
  /** Require this Authorization: a bearer token, or basic credentials. */
  auth?: { token: string } | { username: string; password: string };
}

export interface RecordedRequest {
  method: string;
  /** e.g. "/api/2.0/mlflow/runs/log-batch" */
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  authorization: string | undefined;
  bodyBytes: number;
  /** The parsed JSON body, when there was one. */
  body: unknown;
  status: number;
  errorCode?: string;
}

export interface FaultRule {
  method?: string;
  /** Matches when the request path ends with this, e.g. "runs/log-batch". */
  path: string;
  status: number;
  errorCode?: string;
  message?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  retryAfterSeconds?: number;
}

interface Matcher {
  method?: string;
  path: string;
  remaining: number;
}

/**
 * An in-process MLflow tracking server (127.0.0.1, random port) implementing the REST contract of
 * MLflow's server: JSON endpoints with their error codes and status codes, batch limits, the
 * Content-Type requirement, the artifact proxy and the registry with aliases. Faults and delays can
 * be injected to exercise retries, timeouts and races. State lives in memory.
 */
export class FakeMlflowServer {
  readonly state = new FakeMlflowState();
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Array<FaultRule & Matcher> = [];
  private readonly delays: Array<{ ms: number } & Matcher> = [];
  private readonly gates: Array<{ count: number; waiting: Array<() => void> } & Matcher> = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly options: FakeMlflowServerOptions = {}) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `times` requests matching answer with this error instead of being handled. */
  failNext(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** The next `times` requests matching wait `ms` before being handled (races, timeouts). */
  delayNext(rule: { method?: string; path: string; ms: number; times?: number }): void {
    this.delays.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /**
   * The next `count` matching requests are held until all of them have arrived, then handled together:
   * a race that does not depend on timing.
   */
  gateNext(rule: { method?: string; path: string; count: number }): void {
    this.gates.push({ ...rule, remaining: rule.count, waiting: [] });
  }

  requestsTo(pathSuffix: string, method?: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.path.endsWith(pathSuffix) && (!method || request.method === method),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    // URL parsing resolves '..' segments; the artifact proxy must see (and reject) them as sent.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: rawPath,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
      authorization: req.headers['authorization'],
      bodyBytes: body.length,
      body: undefined,
      status: 200,
    };
    this.requests.push(record);
    try {
      this.checkAuth(req.headers['authorization']);
      const gate = this.take(this.gates, method, rawPath);
      if (gate) {
        await new Promise<void>((resolve) => {
          gate.waiting.push(resolve);
          if (gate.waiting.length === gate.count) gate.waiting.forEach((release) => release());
        });
      }
      const delay = this.take(this.delays, method, rawPath);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
      const fault = this.take(this.faults, method, rawPath);
      if (fault) {
        if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        throw new FakeApiError(
          fault.errorCode ?? 'TEMPORARILY_UNAVAILABLE',
          fault.message ?? 'injected fault',
          fault.status,
        );
      }
      if (rawPath.startsWith(ARTIFACTS_PREFIX)) {
        const reply = handleArtifactRequest(
          this.state,
          method,
          rawPath.slice(ARTIFACTS_PREFIX.length),
          url.searchParams,
          body,
        );
        if (Buffer.isBuffer(reply.body)) send(res, reply.status, reply.body, 'application/octet-stream');
        else sendJson(res, reply.status, reply.body);
        return;
      }
      if (!url.pathname.startsWith(API_PREFIX))
        throw new FakeApiError('ENDPOINT_NOT_FOUND', `No endpoint ${url.pathname}`, 404);
      const endpoint = url.pathname.slice(API_PREFIX.length);
      const handler = ROUTES[`${method} ${endpoint}`];
      if (!handler) throw new FakeApiError('ENDPOINT_NOT_FOUND', `No ${method} endpoint ${endpoint}`, 404);
      const params = method === 'GET' ? queryParams(url.searchParams) : jsonBody(req.headers['content-type'], body);
      record.body = method === 'GET' ? undefined : params;
      sendJson(res, 200, handler(params, { state: this.state, bodyBytes: body.length }));
    } catch (error) {
      const apiError =
        error instanceof FakeApiError ? error : new FakeApiError('INTERNAL_ERROR', (error as Error).message);
      record.status = apiError.status;
      record.errorCode = apiError.errorCode;
      sendJson(res, apiError.status, { error_code: apiError.errorCode, message: apiError.message });
    }
  }

  private checkAuth(header: string | undefined): void {
    const auth = this.options.auth;
    if (!auth) return;
    const expected =
      'token' in auth
        ? `Bearer ${auth.token}`
        : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (header !== expected)
      throw new FakeApiError(
        'UNAUTHENTICATED',
        'You are not authenticated. Please provide valid credentials.',
        STATUS_BY_CODE['UNAUTHENTICATED'],
      );
  }

  private take<T extends Matcher>(rules: T[], method: string, path: string): T | null {
    const rule = rules.find(
      (candidate) =>
        candidate.remaining > 0 && (!candidate.method || candidate.method === method) && path.endsWith(candidate.path),
    );
    if (!rule) return null;
    rule.remaining--;
    return rule;
  }
}

export async function startFakeMlflowServer(options: FakeMlflowServerOptions = {}): Promise<FakeMlflowServer> {
  return new FakeMlflowServer(options).start();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** MLflow's server requires JSON bodies to say so. */
function jsonBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  if (!contentType || contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw invalid(`Bad Request. Content-Type must be one of ['application/json'], got '${contentType ?? ''}'`);
  }
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new FakeApiError('BAD_REQUEST', 'Request body is not a JSON object', 400);
  }
}

function queryParams(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  send(res, status, Buffer.from(JSON.stringify(body)), 'application/json');
}

function send(res: ServerResponse, status: number, body: Buffer, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}
