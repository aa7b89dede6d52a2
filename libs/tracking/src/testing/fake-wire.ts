import { FakeMetric, FakeMlflowState, FakeModelVersion, FakeRun } from './fake-state';

type Json = Record<string, unknown>;

function keyValues(map: Map<string, string>): Array<{ key: string; value: string }> {
  return [...map.entries()].map(([key, value]) => ({ key, value }));
}

/** The value with the highest (step, timestamp, value), as MLflow reports latest metrics. */
export function latestMetric(history: FakeMetric[]): FakeMetric | undefined {
  return history.reduce<FakeMetric | undefined>((best, point) => {
    if (!best) return point;
    if (point.step !== best.step) return point.step > best.step ? point : best;
    if (point.timestamp !== best.timestamp) return point.timestamp > best.timestamp ? point : best;
    return point.value > best.value ? point : best;
  }, undefined);
}

export function metricToWire(metric: FakeMetric): Json {
  const value = Number.isNaN(metric.value)
    ? 'NaN'
    : metric.value === Infinity
      ? 'Infinity'
      : metric.value === -Infinity
        ? '-Infinity'
        : metric.value;
  return { key: metric.key, value, timestamp: metric.timestamp, step: metric.step };
}

export function runToWire(run: FakeRun): Json {
  const metrics = [...run.metrics.values()].map(latestMetric).filter((m): m is FakeMetric => m !== undefined);
  return {
    info: { ...run.info },
    data: { metrics: metrics.map(metricToWire), params: keyValues(run.params), tags: keyValues(run.tags) },
    inputs: { dataset_inputs: run.inputs },
  };
}

export function modelVersionToWire(state: FakeMlflowState, version: FakeModelVersion): Json {
  const model = state.model(version.name);
  const aliases = [...model.aliases.entries()]
    .filter(([, target]) => target === version.version)
    .map(([alias]) => alias);
  return { ...version, version: String(version.version), aliases };
}
