import { queryRuns } from '../search/run-query';
import { runFromWire } from '../rest/mappers';
import { alreadyExists, invalid, notFound } from './fake-api-error';
import { FakeMlflowState, FakeRun } from './fake-state';
import { SERVER_LIMITS, checkKey, checkValue } from './fake-validation';
import { metricToWire, runToWire } from './fake-wire';

type Json = Record<string, unknown>;
export interface RouteContext {
  state: FakeMlflowState;
  bodyBytes: number;
}
export type RouteHandler = (params: Json, context: RouteContext) => Json;

const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function requireString(params: Json, field: string): string {
  const value = params[field];
  if (typeof value !== 'string' || value === '') throw invalid(`Missing value for required parameter '${field}'.`);
  return value;
}

function activeRun(state: FakeMlflowState, runId: unknown): FakeRun {
  const run = state.run(runId);
  if (run.info.lifecycle_stage !== 'active') throw invalid(`The run ${run.info.run_id} must be in the 'active' state.`);
  return run;
}

/** Experiments and runs (service.proto), answering like MLflow's server handlers. */
export const trackingRoutes: Record<string, RouteHandler> = {
  'GET experiments/get-by-name': (params, { state }) => {
    const name = requireString(params, 'experiment_name');
    const experiment = state.experimentByName(name);
    if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
    return { experiment };
  },

  'GET experiments/get': (params, { state }) => {
    const experiment = state.experiments.get(requireString(params, 'experiment_id'));
    if (!experiment) throw notFound(`No Experiment with id=${String(params['experiment_id'])} exists`);
    return { experiment };
  },

  'POST experiments/create': (params, { state }) => {
    const name = requireString(params, 'name');
    if (state.experimentByName(name)) throw alreadyExists(`Experiment(name=${name}) already exists.`);
    return { experiment_id: state.addExperiment(name).experiment_id };
  },

  'POST runs/create': (params, { state }) => {
    const experiment = state.experiments.get(requireString(params, 'experiment_id'));
    if (!experiment) throw notFound(`No Experiment with id=${String(params['experiment_id'])} exists`);
    const tags = list(params['tags']);
    const runName = typeof params['run_name'] === 'string' ? params['run_name'] : '';
    const run = state.addRun(experiment, {
      run_name: runName,
      user_id: typeof params['user_id'] === 'string' ? params['user_id'] : '',
      start_time: Number(params['start_time'] ?? Date.now()),
    });
    for (const tag of tags)
      run.tags.set(checkKey('tag', tag['key']), checkValue('tag', String(tag['key']), tag['value']));
    if (runName) run.tags.set('mlflow.runName', runName);
    return { run: runToWire(run) };
  },

  'POST runs/update': (params, { state }) => {
    const run = activeRun(state, params['run_id'] ?? params['run_uuid']);
    const status = params['status'];
    if (status !== undefined) {
      if (typeof status !== 'string' || !RUN_STATUSES.includes(status))
        throw invalid(`Invalid value ${String(status)} for parameter 'status'`);
      run.info.status = status;
    }
    if (params['end_time'] !== undefined) run.info.end_time = Number(params['end_time']);
    return { run_info: { ...run.info } };
  },

  'GET runs/get': (params, { state }) => ({ run: runToWire(state.run(params['run_id'] ?? params['run_uuid'])) }),

  /** Enforces MLflow's batch limits, so a client that does not split its batches fails here. */
  'POST runs/log-batch': (params, { state, bodyBytes }) => {
    const metrics = list(params['metrics']);
    const batchParams = list(params['params']);
    const tags = list(params['tags']);
    if (bodyBytes > SERVER_LIMITS.bodyBytes)
      throw invalid(`Batched logging API requests must be at most ${SERVER_LIMITS.bodyBytes} bytes, got ${bodyBytes}`);
    if (metrics.length > SERVER_LIMITS.metrics)
      throw invalid(
        `A batch logging request can contain at most ${SERVER_LIMITS.metrics} metrics. Got ${metrics.length} metrics.`,
      );
    if (batchParams.length > SERVER_LIMITS.params)
      throw invalid(
        `A batch logging request can contain at most ${SERVER_LIMITS.params} params. Got ${batchParams.length} params.`,
      );
    if (tags.length > SERVER_LIMITS.tags)
      throw invalid(`A batch logging request can contain at most ${SERVER_LIMITS.tags} tags. Got ${tags.length} tags.`);
    const total = metrics.length + batchParams.length + tags.length;
    if (total > SERVER_LIMITS.entities)
      throw invalid(
        `A batch logging request can contain at most ${SERVER_LIMITS.entities} total entities. Got ${total}.`,
      );
    const run = activeRun(state, params['run_id']);
    const keys = batchParams.map((param) => param['key']);
    if (new Set(keys).size !== keys.length) throw invalid('Duplicate parameter keys have been submitted.');
    for (const param of batchParams) {
      const key = checkKey('param', param['key']);
      const value = checkValue('param', key, param['value']);
      const existing = run.params.get(key);
      if (existing !== undefined && existing !== value) {
        throw invalid(
          `Changing param values is not allowed. Param with key='${key}' was already logged with value='${existing}' for run ID='${run.info.run_id}'. Attempted logging new value '${value}'.`,
        );
      }
    }
    const parsedMetrics = metrics.map((metric) => {
      const key = checkKey('metric', metric['key']);
      const value =
        metric['value'] === 'NaN'
          ? NaN
          : metric['value'] === 'Infinity'
            ? Infinity
            : metric['value'] === '-Infinity'
              ? -Infinity
              : metric['value'];
      if (typeof value !== 'number') throw invalid(`Got invalid value ${String(metric['value'])} for metric '${key}'`);
      const timestamp = Number(metric['timestamp']);
      if (!Number.isInteger(timestamp)) throw invalid(`Got invalid timestamp for metric '${key}'`);
      return { key, value, timestamp, step: Number(metric['step'] ?? 0) };
    });
    for (const param of batchParams) run.params.set(String(param['key']), String(param['value']));
    for (const metric of parsedMetrics) run.metrics.set(metric.key, [...(run.metrics.get(metric.key) ?? []), metric]);
    for (const tag of tags) {
      const key = checkKey('tag', tag['key']);
      run.tags.set(key, checkValue('tag', key, tag['value']));
      if (key === 'mlflow.runName') run.info.run_name = String(tag['value']);
    }
    return {};
  },

  'POST runs/log-inputs': (params, { state }) => {
    const run = activeRun(state, params['run_id']);
    for (const input of list(params['datasets'])) {
      const dataset = (input['dataset'] ?? {}) as Json;
      const digest = requireString(dataset, 'digest');
      requireString(dataset, 'name');
      if (digest.length > 36) throw invalid(`Dataset digest '${digest}' exceeds the maximum length of 36`);
      const tags = list(input['tags']).map((tag) => ({ key: String(tag['key']), value: String(tag['value']) }));
      const known = run.inputs.some(
        (existing) => existing.dataset['name'] === dataset['name'] && existing.dataset['digest'] === digest,
      );
      if (!known) run.inputs.push({ tags, dataset });
    }
    return {};
  },

  'POST runs/log-model': (params, { state }) => {
    const run = activeRun(state, params['run_id']);
    let model: Json;
    try {
      model = JSON.parse(requireString(params, 'model_json')) as Json;
    } catch {
      throw invalid("Malformed model info. 'model_json' is not valid JSON.");
    }
    for (const field of ['artifact_path', 'flavors', 'utc_time_created', 'run_id']) {
      if (!(field in model)) throw invalid(`Model json is missing mandatory fields: ${field}`);
    }
    const history = JSON.parse(run.tags.get('mlflow.log-model.history') ?? '[]') as unknown[];
    run.tags.set('mlflow.log-model.history', JSON.stringify([...history, model]));
    return {};
  },

  'GET metrics/get-history': (params, { state }) => {
    const run = state.run(params['run_id'] ?? params['run_uuid']);
    const history = run.metrics.get(requireString(params, 'metric_key')) ?? [];
    const maxResults = Number(params['max_results'] ?? 25000);
    const offset = Number(params['page_token'] ?? 0);
    const page = history.slice(offset, offset + maxResults);
    const next = offset + maxResults < history.length ? String(offset + maxResults) : undefined;
    return { metrics: page.map(metricToWire), ...(next ? { next_page_token: next } : {}) };
  },

  'POST runs/search': (params, { state }) => {
    const experimentIds = list(params['experiment_ids']).map(String);
    if (experimentIds.length === 0) throw invalid('experiment_ids must be provided');
    const view = typeof params['run_view_type'] === 'string' ? params['run_view_type'] : 'ACTIVE_ONLY';
    const candidates = [...state.runs.values()].filter(
      (run) =>
        experimentIds.includes(run.info.experiment_id) &&
        (view === 'ALL' || (view === 'ACTIVE_ONLY') === (run.info.lifecycle_stage === 'active')),
    );
    const page = queryRuns(
      candidates.map((run) => runFromWire(runToWire(run))),
      {
        filter: typeof params['filter'] === 'string' ? params['filter'] : undefined,
        orderBy: list(params['order_by']).map(String),
        maxResults: params['max_results'] === undefined ? undefined : Number(params['max_results']),
        pageToken: typeof params['page_token'] === 'string' ? params['page_token'] : undefined,
      },
    );
    const runs = page.runs.map((run) => runToWire(state.run(run.info.runId)));
    return { runs, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  },
};
