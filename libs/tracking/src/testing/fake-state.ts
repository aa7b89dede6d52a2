import { randomBytes } from 'node:crypto';
import { notFound } from './fake-api-error';

export interface FakeExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  last_update_time: number;
}

export interface FakeMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface FakeRun {
  info: {
    run_id: string;
    run_uuid: string;
    run_name: string;
    experiment_id: string;
    user_id: string;
    status: string;
    start_time: number;
    end_time?: number;
    artifact_uri: string;
    lifecycle_stage: 'active' | 'deleted';
  };
  metrics: Map<string, FakeMetric[]>;
  params: Map<string, string>;
  tags: Map<string, string>;
  inputs: Array<{ tags: Array<{ key: string; value: string }>; dataset: Record<string, unknown> }>;
}

export interface FakeModelVersion {
  name: string;
  version: number;
  source: string;
  run_id: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  status: 'READY';
  current_stage: 'None';
}

export interface FakeRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  versions: Map<number, FakeModelVersion>;
  aliases: Map<string, number>;
}

/** Everything the fake MLflow server holds, in memory; tests may inspect it. */
export class FakeMlflowState {
  readonly experiments = new Map<string, FakeExperiment>();
  readonly runs = new Map<string, FakeRun>();
  readonly models = new Map<string, FakeRegisteredModel>();
  /** Artifact bytes by server path, e.g. "1/<run>/artifacts/model/MLmodel". */
  readonly artifacts = new Map<string, Buffer>();
  private nextExperimentId = 1;

  constructor() {
    this.addExperiment('Default', '0');
  }

  addExperiment(name: string, id = String(this.nextExperimentId++)): FakeExperiment {
    const now = Date.now();
    const experiment: FakeExperiment = {
      experiment_id: id,
      name,
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      creation_time: now,
      last_update_time: now,
    };
    this.experiments.set(id, experiment);
    return experiment;
  }

  experimentByName(name: string): FakeExperiment | undefined {
    return [...this.experiments.values()].find((experiment) => experiment.name === name);
  }

  addRun(experiment: FakeExperiment, fields: { run_name: string; user_id: string; start_time: number }): FakeRun {
    const runId = randomBytes(16).toString('hex');
    const run: FakeRun = {
      info: {
        run_id: runId,
        run_uuid: runId,
        run_name: fields.run_name,
        experiment_id: experiment.experiment_id,
        user_id: fields.user_id,
        status: 'RUNNING',
        start_time: fields.start_time,
        artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
        lifecycle_stage: 'active',
      },
      metrics: new Map(),
      params: new Map(),
      tags: new Map(),
      inputs: [],
    };
    this.runs.set(runId, run);
    return run;
  }

  run(runId: unknown): FakeRun {
    const run = typeof runId === 'string' ? this.runs.get(runId) : undefined;
    if (!run) throw notFound(`Run with id=${String(runId)} not found`);
    return run;
  }

  model(name: unknown): FakeRegisteredModel {
    const model = typeof name === 'string' ? this.models.get(name) : undefined;
    if (!model) throw notFound(`Registered Model with name=${String(name)} not found`);
    return model;
  }

  modelVersion(name: unknown, version: unknown): FakeModelVersion {
    const found = this.model(name).versions.get(Number(version));
    if (!found) throw notFound(`Model Version (name=${String(name)}, version=${String(version)}) not found`);
    return found;
  }
}
