import { DatasetInput, LifecycleStage, MetricPoint, ModelVersion, Run, RunInfo, RunStatus } from '../types';
import { MLFLOW_TAGS } from '../mlflow-tags';
import { fromWireDouble, fromWireInt, fromWireKeyValues } from './wire';

type Json = Record<string, unknown>;

const RUN_STATUSES: RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function runInfoFromWire(wire: unknown): RunInfo {
  const info = object(wire);
  const status = text(info['status'], 'RUNNING') as RunStatus;
  return {
    runId: text(info['run_id']) || text(info['run_uuid']),
    runName: text(info['run_name']),
    experimentId: text(info['experiment_id']),
    userId: text(info['user_id']),
    status: RUN_STATUSES.includes(status) ? status : 'RUNNING',
    startTime: fromWireInt(info['start_time']) ?? 0,
    endTime: fromWireInt(info['end_time']),
    artifactUri: text(info['artifact_uri']),
    lifecycleStage: (text(info['lifecycle_stage'], 'active') as LifecycleStage) === 'deleted' ? 'deleted' : 'active',
  };
}

export function metricPointFromWire(wire: unknown): MetricPoint {
  const metric = object(wire);
  return {
    key: text(metric['key']),
    value: fromWireDouble(metric['value']),
    timestamp: fromWireInt(metric['timestamp']) ?? 0,
    step: fromWireInt(metric['step']) ?? 0,
  };
}

export function runFromWire(wire: unknown): Run {
  const run = object(wire);
  const data = object(run['data']);
  const info = runInfoFromWire(run['info']);
  const metrics: Record<string, number> = {};
  for (const metric of list(data['metrics']).map(metricPointFromWire)) metrics[metric.key] = metric.value;
  const tags = fromWireKeyValues(data['tags']);
  if (!info.runName && tags[MLFLOW_TAGS.runName]) info.runName = tags[MLFLOW_TAGS.runName] ?? '';
  return {
    info,
    data: { metrics, params: fromWireKeyValues(data['params']), tags },
    inputs: list(object(run['inputs'])['dataset_inputs']).map(datasetInputFromWire),
  };
}

function datasetInputFromWire(wire: unknown): DatasetInput {
  const input = object(wire);
  const dataset = object(input['dataset']);
  const tags = fromWireKeyValues(input['tags']);
  const result: DatasetInput = {
    name: text(dataset['name']),
    digest: text(dataset['digest']),
    sourceType: text(dataset['source_type']),
    source: text(dataset['source']),
  };
  if (typeof dataset['schema'] === 'string') result.schema = dataset['schema'];
  if (typeof dataset['profile'] === 'string') result.profile = dataset['profile'];
  if (tags[MLFLOW_TAGS.datasetContext]) result.context = tags[MLFLOW_TAGS.datasetContext];
  return result;
}

export function modelVersionFromWire(wire: unknown): ModelVersion {
  const version = object(wire);
  return {
    name: text(version['name']),
    version: String(version['version'] ?? ''),
    source: text(version['source']),
    runId: text(version['run_id']) || null,
    status: text(version['status'], 'READY'),
    creationTimestamp: fromWireInt(version['creation_timestamp']) ?? 0,
    lastUpdatedTimestamp: fromWireInt(version['last_updated_timestamp']) ?? 0,
    description: typeof version['description'] === 'string' ? version['description'] : null,
    aliases: list(version['aliases']).filter((alias): alias is string => typeof alias === 'string'),
    tags: fromWireKeyValues(version['tags']),
  };
}

export function datasetInputToWire(dataset: DatasetInput & { context: string }): Json {
  const wireDataset: Json = {
    name: dataset.name,
    digest: dataset.digest,
    source_type: dataset.sourceType,
    source: dataset.source,
  };
  if (dataset.schema !== undefined) wireDataset['schema'] = dataset.schema;
  if (dataset.profile !== undefined) wireDataset['profile'] = dataset.profile;
  return { tags: [{ key: MLFLOW_TAGS.datasetContext, value: dataset.context }], dataset: wireDataset };
}
