import { join } from 'node:path';
import { forEachLimited } from '../concurrency';
import { TrackingError } from '../errors';
import { listDirNames, listFilesRecursive, readTextIfExists } from '../fs-utils';
import { MLFLOW_TAGS } from '../mlflow-tags';
import { DatasetInput, MetricPoint, Run, RunInfo } from '../types';
import { ExperimentStore } from './experiment-store';
import { META_FILE } from './layout';
import { RunLocation } from './run-locator';
import { readYamlFile, yamlString } from './yaml-files';

/** Reads a run's params, tags, metrics and inputs from its folder. */
export class RunReader {
  constructor(private readonly experiments: ExperimentStore) {}

  async read(location: RunLocation, info: RunInfo): Promise<Run> {
    const [metrics, params, tags, inputs] = await Promise.all([
      this.latestMetrics(location),
      readKeyValueFolder(join(location.dir, 'params')),
      readKeyValueFolder(join(location.dir, 'tags')),
      this.inputs(location),
    ]);
    if (!info.runName && tags[MLFLOW_TAGS.runName]) info.runName = tags[MLFLOW_TAGS.runName] ?? '';
    return { info, data: { metrics, params, tags }, inputs };
  }

  async metricHistory(location: RunLocation, key: string): Promise<MetricPoint[]> {
    const text = await readTextIfExists(join(location.dir, 'metrics', ...key.split('/')));
    if (text === null) return [];
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => parseMetricLine(key, line));
  }

  /** MLflow reports the value with the highest (step, timestamp, value). */
  private async latestMetrics(location: RunLocation): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    await forEachLimited(await listFilesRecursive(join(location.dir, 'metrics')), PARALLEL_READS, async (key) => {
      const history = await this.metricHistory(location, key);
      const latest = history.reduce<MetricPoint | null>(
        (best, point) => (best === null || isLater(point, best) ? point : best),
        null,
      );
      if (latest) out[key] = latest.value;
    });
    return sortedRecord(out);
  }

  private async inputs(location: RunLocation): Promise<DatasetInput[]> {
    const inputIds = await listDirNames(join(location.dir, 'inputs'));
    if (inputIds.length === 0) return [];
    const experiment = await this.experiments.read(location.experimentId);
    if (!experiment) return [];
    const inputs: DatasetInput[] = [];
    for (const inputId of inputIds) {
      const link = await readYamlFile(join(location.dir, 'inputs', inputId, META_FILE));
      if (!link || link['source_type'] !== 'DATASET') continue;
      const dataset = await readYamlFile(join(experiment.dir, 'datasets', yamlString(link['source_id']), META_FILE));
      if (!dataset) continue;
      const input: DatasetInput = {
        name: yamlString(dataset['name']),
        digest: yamlString(dataset['digest']),
        sourceType: yamlString(dataset['source_type']),
        source: yamlString(dataset['source']),
      };
      if (typeof dataset['schema'] === 'string') input.schema = dataset['schema'];
      if (typeof dataset['profile'] === 'string') input.profile = dataset['profile'];
      const tags = (link['tags'] ?? {}) as Record<string, unknown>;
      if (typeof tags[MLFLOW_TAGS.datasetContext] === 'string')
        input.context = tags[MLFLOW_TAGS.datasetContext] as string;
      inputs.push(input);
    }
    return inputs;
  }
}

export const PARALLEL_READS = 16;

export async function readKeyValueFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await forEachLimited(await listFilesRecursive(dir), PARALLEL_READS, async (key) => {
    const value = await readTextIfExists(join(dir, ...key.split('/')));
    if (value !== null) out[key] = value;
  });
  return sortedRecord(out);
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isLater(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

const PYTHON_SPECIAL_FLOATS: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** "<timestamp_ms> <value> <step>" (the step is optional in old files). */
export function parseMetricLine(key: string, line: string): MetricPoint {
  const parts = line.trim().split(' ');
  if (parts.length !== 2 && parts.length !== 3) {
    throw new TrackingError(
      `Metric '${key}' is malformed; expected 2 or 3 fields, got ${parts.length}`,
      'INTERNAL_ERROR',
    );
  }
  const [timestamp = '0', value = '0', step = '0'] = parts;
  const special = PYTHON_SPECIAL_FLOATS[value.toLowerCase()];
  return { key, timestamp: Number(timestamp), value: special ?? Number(value), step: Number(step) };
}
