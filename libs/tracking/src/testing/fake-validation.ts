import { invalid } from './fake-api-error';

/** The server-side checks of MLflow's utils/validation.py that the client's own validation must pre-empt. */
export const SERVER_LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  entities: 1000,
  bodyBytes: 1_000_000,
  keyLength: 250,
  paramValue: 6000,
  tagValue: 8000,
};

export function checkKey(kind: string, key: unknown): string {
  if (typeof key !== 'string' || key === '') throw invalid(`Missing value for required parameter '${kind} key'`);
  if (key.length > SERVER_LIMITS.keyLength)
    throw invalid(
      `${kind} key '${key.slice(0, 20)}...' had length ${key.length}, which exceeded length limit of ${SERVER_LIMITS.keyLength}`,
    );
  if (!/^[/\w.\- :]*$/.test(key))
    throw invalid(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  if (key.includes('..') || key.startsWith('/'))
    throw invalid(
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.`,
    );
  return key;
}

export function checkValue(kind: 'param' | 'tag', key: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(`Missing value for required parameter '${kind} value' (key '${key}')`);
  const limit = kind === 'param' ? SERVER_LIMITS.paramValue : SERVER_LIMITS.tagValue;
  if (value.length > limit)
    throw invalid(`${kind} '${key}' had length ${value.length}, which exceeded length limit of ${limit}`);
  return value;
}

export function checkAlias(alias: unknown): string {
  if (typeof alias !== 'string' || alias === '') throw invalid('Registered model alias name cannot be empty.');
  if (!/^[\w-]*$/.test(alias) || alias.length > 255)
    throw invalid(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-), and be at most 255 characters.`,
    );
  if (alias.toLowerCase() === 'latest') throw invalid(`'${alias}' alias name (case insensitive) is reserved.`);
  if (/^v\d+$/i.test(alias)) throw invalid(`Version alias name '${alias}' is reserved.`);
  return alias;
}

/** MLflow's validate_path_is_safe: no '..', no absolute paths. */
export function checkArtifactPath(path: string): string {
  const segments = path.split('/');
  if (
    path.startsWith('/') ||
    segments.includes('..') ||
    segments.includes('.') ||
    path.includes('\\') ||
    path.includes('\0')
  ) {
    throw invalid(`Invalid path: '${path}'`);
  }
  return path;
}
