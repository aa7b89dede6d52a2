import { FakeApiError, invalid, notFound } from './fake-api-error';
import { FakeMlflowState } from './fake-state';
import { checkArtifactPath } from './fake-validation';

export interface RawReply {
  status: number;
  body: Buffer | Record<string, unknown>;
}

/**
 * The artifact proxy of `mlflow server --serve-artifacts`: PUT/GET /api/2.0/mlflow-artifacts/artifacts/<path>
 * for files, GET /api/2.0/mlflow-artifacts/artifacts?path=<dir> to list a folder.
 */
export function handleArtifactRequest(
  state: FakeMlflowState,
  method: string,
  encodedPath: string,
  query: URLSearchParams,
  body: Buffer,
): RawReply {
  let path: string;
  try {
    path = encodedPath.split('/').filter(Boolean).map(decodeURIComponent).join('/');
  } catch {
    throw invalid(`Invalid path: '${encodedPath}'`);
  }
  if (encodedPath.split('/').some((segment) => segment === '..' || segment === '%2E%2E' || segment === '%2e%2e')) {
    throw invalid(`Invalid path: '${encodedPath}'`);
  }
  if (method === 'GET' && path === '')
    return { status: 200, body: listFolder(state, checkArtifactPath(query.get('path') ?? '')) };
  checkArtifactPath(path);
  if (!path) throw invalid('An artifact path is required');
  if (method === 'PUT') {
    state.artifacts.set(path, body);
    return { status: 200, body: {} };
  }
  if (method === 'GET') {
    const content = state.artifacts.get(path);
    if (!content) throw notFound(`Artifact '${path}' does not exist`);
    return { status: 200, body: content };
  }
  throw new FakeApiError('ENDPOINT_NOT_FOUND', `No ${method} handler for artifacts`, 404);
}

function listFolder(state: FakeMlflowState, dir: string): Record<string, unknown> {
  const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
  const children = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
  for (const [path, content] of state.artifacts) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const [first = '', ...more] = rest.split('/');
    if (more.length > 0) children.set(first, { path: first, is_dir: true });
    else children.set(first, { path: first, is_dir: false, file_size: content.length });
  }
  const files = [...children.values()].sort((a, b) => a.path.localeCompare(b.path));
  return files.length ? { files } : {};
}
