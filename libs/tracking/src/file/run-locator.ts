import { join } from 'node:path';
import { InvalidParameterValueError, ResourceDoesNotExistError, TrackingError } from '../errors';
import { pathExists } from '../fs-utils';
import { RunInfo, RunStatus } from '../types';
import { ExperimentStore } from './experiment-store';
import { FileStoreLayout, META_FILE, RUN_STATUS_CODES } from './layout';
import { YamlObject, readYamlFile, writeYamlFile, yamlNumber, yamlString } from './yaml-files';

export interface RunLocation {
  runId: string;
  experimentId: string;
  dir: string;
}

const STATUS_BY_CODE = new Map<number, RunStatus>(
  Object.entries(RUN_STATUS_CODES).map(([name, code]) => [code, name as RunStatus]),
);

/** Finds run folders (in active or deleted experiments) and reads and writes their meta.yaml. */
export class RunLocator {
  private readonly cache = new Map<string, RunLocation>();

  constructor(
    private readonly layout: FileStoreLayout,
    private readonly experiments: ExperimentStore,
  ) {}

  async locate(runId: string): Promise<RunLocation> {
    const cached = this.cache.get(runId);
    if (cached && (await pathExists(join(cached.dir, META_FILE)))) return cached;
    await this.experiments.ensureStore();
    for (const { id, deleted } of await this.experiments.listIds()) {
      const dir = join(this.layout.experiment(id, deleted), runId);
      if (await pathExists(join(dir, META_FILE))) {
        const location = { runId, experimentId: id, dir };
        this.cache.set(runId, location);
        return location;
      }
    }
    throw new ResourceDoesNotExistError(`Run '${runId}' not found`);
  }

  remember(location: RunLocation): void {
    this.cache.set(location.runId, location);
  }

  async readMeta(location: RunLocation): Promise<YamlObject> {
    const meta = await readYamlFile(join(location.dir, META_FILE));
    if (!meta) throw new ResourceDoesNotExistError(`Run '${location.runId}' not found`);
    return meta;
  }

  async writeMeta(location: RunLocation, meta: YamlObject): Promise<void> {
    await writeYamlFile(join(location.dir, META_FILE), meta, location.dir);
  }

  async readInfo(location: RunLocation): Promise<RunInfo> {
    return runInfoFromMeta(await this.readMeta(location), location);
  }

  /** Like MLflow's check_run_is_active: deleted runs accept no more data. */
  async requireActive(runId: string): Promise<{ location: RunLocation; meta: YamlObject }> {
    const location = await this.locate(runId);
    const meta = await this.readMeta(location);
    if (meta['lifecycle_stage'] === 'deleted') {
      throw new InvalidParameterValueError(`The run ${runId} must be in the 'active' state. Current state is deleted.`);
    }
    return { location, meta };
  }
}

export function runInfoFromMeta(meta: YamlObject, location: RunLocation): RunInfo {
  const statusValue = meta['status'];
  const status =
    typeof statusValue === 'string' ? (statusValue as RunStatus) : STATUS_BY_CODE.get(yamlNumber(statusValue) ?? 1);
  if (!status)
    throw new TrackingError(`run ${location.runId} has an unknown status '${String(statusValue)}'`, 'INVALID_STATE');
  return {
    runId: yamlString(meta['run_id']) || yamlString(meta['run_uuid']) || location.runId,
    runName: yamlString(meta['run_name']),
    experimentId: yamlString(meta['experiment_id'], location.experimentId),
    userId: yamlString(meta['user_id']),
    status,
    startTime: yamlNumber(meta['start_time']) ?? 0,
    endTime: yamlNumber(meta['end_time']),
    artifactUri: yamlString(meta['artifact_uri']),
    lifecycleStage: meta['lifecycle_stage'] === 'deleted' ? 'deleted' : 'active',
  };
}
