import { fileURLToPath } from 'node:url';
import { TrackingError } from './errors';
import { FileBackend } from './file/file-backend';
import { HttpTransport } from './rest/http-transport';
import { RestBackend } from './rest/rest-backend';
import { ValidatingTrackingClient } from './tracking-client';
import { TrackingClient, TrackingClientOptions } from './types';

export const DEFAULT_TRACKING_URI = './mlruns';

const DEFAULTS = { timeoutMs: 30_000, retries: 5, backoffBaseMs: 300, maxBackoffMs: 10_000 };

/**
 * The backend follows the URI: http(s)://host:port is an MLflow tracking server (REST API),
 * anything else a local MLflow file store (a folder path or a file:///abs/path URI).
 */
export function createTrackingClient(
  uri: string = DEFAULT_TRACKING_URI,
  options: TrackingClientOptions = {},
): TrackingClient {
  const trimmed = (uri || DEFAULT_TRACKING_URI).trim();
  if (/^https?:\/\//i.test(trimmed)) return new ValidatingTrackingClient(restBackend(trimmed, options));
  return new ValidatingTrackingClient(new FileBackend(fileStorePath(trimmed)));
}

function fileStorePath(uri: string): string {
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      throw new TrackingError(
        `tracking URI '${uri}' is not a valid file URI (use file:///absolute/path)`,
        'INVALID_PARAMETER_VALUE',
      );
    }
  }
  if (uri.startsWith('file:')) return uri.slice('file:'.length);
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(uri)?.[1];
  if (scheme && scheme.length > 1) {
    throw new TrackingError(
      `tracking URI scheme '${scheme}:' is not supported; use http(s)://host:port for an MLflow server or a folder path for a file store`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return uri;
}

function restBackend(uri: string, options: TrackingClientOptions): RestBackend {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new TrackingError(`tracking URI is not a valid URL`, 'INVALID_PARAMETER_VALUE');
  }
  const urlUser = decodeURIComponent(url.username);
  const urlPassword = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const transport = new HttpTransport({
    baseUrl,
    authorization: authorizationHeader(options, urlUser, urlPassword),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? DEFAULTS.timeoutMs),
    retries: nonNegativeInteger('retries', options.retries ?? DEFAULTS.retries),
    backoffBaseMs: nonNegative('backoffBaseMs', options.backoffBaseMs ?? DEFAULTS.backoffBaseMs),
    maxBackoffMs: nonNegative('maxBackoffMs', options.maxBackoffMs ?? DEFAULTS.maxBackoffMs),
    logger: options.logger,
  });
  return new RestBackend(transport, baseUrl, options.logger);
}

/** A token wins (Bearer); otherwise username/password (options, then the URL) as Basic auth. */
function authorizationHeader(options: TrackingClientOptions, urlUser: string, urlPassword: string): string | undefined {
  if (options.token) return `Bearer ${options.token}`;
  const username = options.username ?? (urlUser || undefined);
  const password = options.password ?? (urlPassword || undefined);
  if (username === undefined && password === undefined) return undefined;
  return `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`, 'utf8').toString('base64')}`;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TrackingError(`${name} must be a positive number`, 'INVALID_PARAMETER_VALUE');
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new TrackingError(`${name} must be zero or more`, 'INVALID_PARAMETER_VALUE');
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new TrackingError(`${name} must be a whole number, zero or more`, 'INVALID_PARAMETER_VALUE');
  return value;
}
