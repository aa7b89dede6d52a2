import { fileURLToPath, pathToFileURL } from 'node:url';
import { posix } from 'node:path';
import { TrackingError } from './errors';

/** Appends a relative posix path to an artifact URI, as MLflow's append_to_uri_path does. */
export function joinArtifactUri(base: string, relativePath: string): string {
  if (!relativePath) return base;
  return `${base.replace(/\/+$/, '')}/${relativePath.replace(/^\/+/, '')}`;
}

export function isFileUri(uri: string): boolean {
  return uri.startsWith('file:');
}

export function fileUriToPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    throw new TrackingError(`'${uri}' is not a valid local file URI`, 'INVALID_ARTIFACT_URI');
  }
}

/** file:///abs/path, percent-encoded like Python's pathlib.Path.as_uri(). */
export function pathToFileUri(absolutePath: string): string {
  return pathToFileURL(absolutePath).href;
}

/** "mlflow-artifacts:/1/abc/artifacts" or "mlflow-artifacts://host:5000/1/abc/artifacts" → "1/abc/artifacts". */
export function mlflowArtifactsPath(uri: string): string {
  if (!uri.startsWith('mlflow-artifacts:')) {
    throw new TrackingError(`'${uri}' is not an mlflow-artifacts: URI`, 'INVALID_ARTIFACT_URI');
  }
  let rest = uri.slice('mlflow-artifacts:'.length);
  if (rest.startsWith('//')) rest = rest.slice(rest.indexOf('/', 2) >= 0 ? rest.indexOf('/', 2) : rest.length);
  return posix.normalize(decodeURIComponent(rest)).replace(/^\/+/, '').replace(/\/+$/, '');
}

/** "runs:/<run_id>/<path>" → its parts; null for other schemes. */
export function parseRunsUri(uri: string): { runId: string; path: string } | null {
  const match = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (!match?.[1]) return null;
  return { runId: match[1], path: (match[2] ?? '').replace(/\/+$/, '') };
}

/** The last path segment of an artifact URI: the folder name a download lands in. */
export function artifactBaseName(uri: string): string {
  const withoutQuery = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = decodeURIComponent(withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1));
  return name && name !== '.' && name !== '..' && !name.includes(':') ? name : 'model';
}
