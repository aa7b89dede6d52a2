import { alreadyExists, invalid } from './fake-api-error';
import { FakeModelVersion } from './fake-state';
import { RouteHandler } from './fake-tracking-routes';
import { checkAlias } from './fake-validation';
import { modelVersionToWire } from './fake-wire';

type Json = Record<string, unknown>;

function requireString(params: Json, field: string): string {
  const value = params[field];
  if (typeof value !== 'string' || value === '') throw invalid(`Missing value for required parameter '${field}'.`);
  return value;
}

/** "name='x'" / 'name="x"' / "run_id='...'" as MLflow's search_model_versions accepts. */
function versionFilter(filter: unknown): (version: FakeModelVersion) => boolean {
  if (filter === undefined || filter === '') return () => true;
  const match = /^\s*(name|run_id)\s*=\s*(['"])(.*)\2\s*$/.exec(String(filter));
  if (!match) throw invalid(`Unsupported filter for model version search: ${String(filter)}`);
  const [, field, , value] = match;
  return (version) => (field === 'name' ? version.name === value : version.run_id === value);
}

/** The model registry (model_registry.proto): registered models, versions and aliases. */
export const registryRoutes: Record<string, RouteHandler> = {
  'POST registered-models/create': (params, { state }) => {
    const name = requireString(params, 'name');
    if (state.models.has(name)) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
    const now = Date.now();
    state.models.set(name, {
      name,
      creation_timestamp: now,
      last_updated_timestamp: now,
      versions: new Map(),
      aliases: new Map(),
    });
    return { registered_model: { name, creation_timestamp: now, last_updated_timestamp: now } };
  },

  'GET registered-models/get': (params, { state }) => {
    const model = state.model(requireString(params, 'name'));
    return {
      registered_model: {
        name: model.name,
        creation_timestamp: model.creation_timestamp,
        last_updated_timestamp: model.last_updated_timestamp,
        aliases: [...model.aliases.entries()].map(([alias, version]) => ({ alias, version: String(version) })),
      },
    };
  },

  'POST model-versions/create': (params, { state }) => {
    const model = state.model(requireString(params, 'name'));
    const source = requireString(params, 'source');
    if (source.split('/').includes('..'))
      throw invalid(`Invalid model version source: '${source}'. '..' is not allowed.`);
    const runId = typeof params['run_id'] === 'string' ? params['run_id'] : '';
    if (runId) state.run(runId);
    const now = Date.now();
    const version: FakeModelVersion = {
      name: model.name,
      version: Math.max(0, ...model.versions.keys()) + 1,
      source,
      run_id: runId,
      creation_timestamp: now,
      last_updated_timestamp: now,
      status: 'READY',
      current_stage: 'None',
    };
    model.versions.set(version.version, version);
    model.last_updated_timestamp = now;
    return { model_version: modelVersionToWire(state, version) };
  },

  'GET model-versions/get': (params, { state }) => ({
    model_version: modelVersionToWire(
      state,
      state.modelVersion(requireString(params, 'name'), requireString(params, 'version')),
    ),
  }),

  'GET model-versions/get-download-uri': (params, { state }) => ({
    artifact_uri: state.modelVersion(requireString(params, 'name'), requireString(params, 'version')).source,
  }),

  'GET model-versions/search': (params, { state }) => {
    const keep = versionFilter(params['filter']);
    const all = [...state.models.values()].flatMap((model) => [...model.versions.values()]).filter(keep);
    all.sort((a, b) => b.version - a.version);
    const maxResults = Number(params['max_results'] ?? 10000);
    const offset = Number(params['page_token'] ?? 0);
    const page = all.slice(offset, offset + maxResults);
    const next = offset + maxResults < all.length ? String(offset + maxResults) : undefined;
    return {
      model_versions: page.map((version) => modelVersionToWire(state, version)),
      ...(next ? { next_page_token: next } : {}),
    };
  },

  'POST registered-models/alias': (params, { state }) => {
    const alias = checkAlias(params['alias']);
    const model = state.model(requireString(params, 'name'));
    const version = state.modelVersion(model.name, requireString(params, 'version'));
    model.aliases.set(alias, version.version);
    return {};
  },

  'GET registered-models/alias': (params, { state }) => {
    const model = state.model(requireString(params, 'name'));
    const alias = requireString(params, 'alias');
    const version = model.aliases.get(alias);
    if (version === undefined) throw invalid(`Registered model alias ${alias} not found.`);
    return { model_version: modelVersionToWire(state, state.modelVersion(model.name, version)) };
  },

  'DELETE registered-models/alias': (params, { state }) => {
    const model = state.model(requireString(params, 'name'));
    model.aliases.delete(requireString(params, 'alias'));
    return {};
  },
};
