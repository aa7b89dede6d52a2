import { TrackingError, TrackingNetworkError, errorFromCode } from '../errors';
import { TrackingLogger } from '../types';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | Array<string | number>;

export interface HttpTransportOptions {
  /** Server root without credentials, e.g. http://mlflow:5000 or https://host/prefix. */
  baseUrl: string;
  /** Full Authorization header value; never logged. */
  authorization?: string;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  logger?: TrackingLogger;
}

interface RequestInit {
  body?: string | Buffer;
  contentType?: string;
}

/** Consumes a successful response; `touch` restarts the timeout (for long streamed downloads). */
export type ResponseConsumer<T> = (response: Response, touch: () => void) => Promise<T>;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * fetch with a timeout per attempt (AbortController) and retries with exponential backoff and jitter
 * on 429/502/503/504, timeouts and network errors. Other failures become typed TrackingErrors at once.
 */
export class HttpTransport {
  constructor(private readonly options: HttpTransportOptions) {}

  /** MLflow REST: GET sends the payload as a query string, other methods as a JSON body. */
  async api<T>(method: HttpMethod, endpoint: string, payload: Record<string, QueryValue | unknown> = {}): Promise<T> {
    const path = `/api/2.0/mlflow/${endpoint}`;
    if (method === 'GET') {
      return this.request(method, this.url(path, payload as Record<string, QueryValue>), {}, readJson<T>);
    }
    // Some MLflow versions read DELETE parameters from the query string, others from the body: send both.
    const url = method === 'DELETE' ? this.url(path, payload as Record<string, QueryValue>) : this.url(path);
    return this.request(method, url, { body: JSON.stringify(payload), contentType: 'application/json' }, readJson<T>);
  }

  url(path: string, query: Record<string, QueryValue> = {}): string {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) value.forEach((item) => url.searchParams.append(key, String(item)));
      else url.searchParams.append(key, String(value));
    }
    return url.toString();
  }

  async request<T>(method: HttpMethod, url: string, init: RequestInit, consume: ResponseConsumer<T>): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.contentType) headers['Content-Type'] = init.contentType;
    if (this.options.authorization) headers['Authorization'] = this.options.authorization;
    const where = `${method} ${new URL(url).pathname}`;

    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      let timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      const touch = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      };
      try {
        const response = await fetch(url, { method, headers, body: init.body, signal: controller.signal });
        if (!response.ok) {
          const error = await errorFromResponse(response, where);
          if (RETRYABLE_STATUS.has(response.status) && attempt < this.options.retries) {
            await this.pause(attempt, retryAfterMs(response.headers.get('retry-after')), {
              where,
              status: response.status,
            });
            continue;
          }
          throw error;
        }
        return await consume(response, touch);
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        const timedOut = controller.signal.aborted;
        const reason = timedOut ? `no answer within ${this.options.timeoutMs} ms` : networkReason(error);
        if (attempt < this.options.retries) {
          await this.pause(attempt, null, { where, error: reason });
          continue;
        }
        throw new TrackingNetworkError(
          `MLflow at ${this.options.baseUrl} could not be reached (${where}, ${attempt + 1} attempts): ${reason}`,
          timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        );
      } finally {
        clearTimeout(timer);
      }
    }
  }

  private async pause(attempt: number, retryAfter: number | null, context: Record<string, unknown>): Promise<void> {
    const ceiling = Math.min(this.options.maxBackoffMs, this.options.backoffBaseMs * 2 ** attempt);
    const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
    const delayMs = Math.round(Math.min(this.options.maxBackoffMs, Math.max(jittered, retryAfter ?? 0)));
    this.options.logger?.warn({ ...context, attempt: attempt + 1, delayMs }, 'MLflow request failed; retrying');
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new TrackingError(
      `MLflow answered ${response.url ? new URL(response.url).pathname : ''} with non-JSON content`,
      'INVALID_RESPONSE',
      response.status,
    );
  }
}

async function errorFromResponse(response: Response, where: string): Promise<TrackingError> {
  const text = await response.text().catch(() => '');
  let code: string | undefined;
  let message = '';
  try {
    const parsed = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.error_code === 'string') code = parsed.error_code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    message = text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
  }
  if (!message) message = response.statusText || 'request failed';
  let hint = '';
  if (response.status === 401 || response.status === 403)
    hint = '; check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD';
  if (response.status === 404 && code !== 'RESOURCE_DOES_NOT_EXIST')
    hint = '; is the tracking URI the root of an MLflow server?';
  return errorFromCode(code, `${message} (HTTP ${response.status}, ${where})${hint}`, response.status);
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

/** Duck-typed: fetch's errors may come from another realm (e.g. under Jest), so instanceof is unreliable. */
function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TrackingError || typeof error !== 'object' || error === null) return false;
  const { name, message, code, cause } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
  };
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  // undici reports connection failures as TypeError('fetch failed') and broken bodies as 'terminated'.
  if (name === 'TypeError' && (message === 'fetch failed' || message === 'terminated')) return true;
  const errno = typeof code === 'string' ? code : typeof cause?.code === 'string' ? cause.code : undefined;
  return errno !== undefined && NETWORK_ERROR_CODES.has(errno);
}

function networkReason(error: unknown): string {
  const { message, cause } = error as { message?: unknown; cause?: { code?: unknown } };
  const text = typeof message === 'string' ? message : String(error);
  return typeof cause?.code === 'string' ? `${text} (${cause.code})` : text;
}
