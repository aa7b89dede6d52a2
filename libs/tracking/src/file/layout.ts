import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const META_FILE = 'meta.yaml';
export const TRASH_FOLDER = '.trash';
export const MODELS_FOLDER = 'models';
export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';
/** Folders inside an experiment that are not runs (MLflow's RESERVED_EXPERIMENT_FOLDERS). */
export const RESERVED_EXPERIMENT_FOLDERS = new Set(['tags', 'datasets', 'traces']);

/** RunStatus as MLflow's file store persists it (integers in meta.yaml). */
export const RUN_STATUS_CODES = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;

/**
 * Paths of MLflow's file store ("mlruns"). Only experiment folders, `.trash` and `models` may be
 * folders at the root (MLflow treats every other folder there as an experiment), so this library's
 * own bookkeeping lives in hidden files.
 */
export class FileStoreLayout {
  constructor(readonly root: string) {}

  get trash(): string {
    return join(this.root, TRASH_FOLDER);
  }

  get models(): string {
    return join(this.root, MODELS_FOLDER);
  }

  experiment(id: string, deleted = false): string {
    return join(deleted ? this.trash : this.root, id);
  }

  /** Hidden file that records which experiment id owns a name (written once, atomically). */
  experimentNameClaim(name: string): string {
    return join(
      this.root,
      `.topicops-experiment-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 40)}.claim`,
    );
  }

  registeredModel(name: string): string {
    return join(this.models, name);
  }

  modelVersion(name: string, version: string | number): string {
    return join(this.models, name, `version-${version}`);
  }

  alias(name: string, alias: string): string {
    return join(this.models, name, 'aliases', alias);
  }
}

export function isExperimentFolderName(name: string): boolean {
  return name !== TRASH_FOLDER && name !== MODELS_FOLDER && !name.startsWith('.');
}
