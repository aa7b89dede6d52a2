import { randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { joinArtifactUri, pathToFileUri } from '../artifact-uri';
import { TrackingError } from '../errors';
import { createFileExclusive, isErrno, listDirNames, readTextIfExists, tempName, waitFor } from '../fs-utils';
import { LifecycleStage } from '../types';
import {
  DEFAULT_EXPERIMENT_ID,
  DEFAULT_EXPERIMENT_NAME,
  FileStoreLayout,
  META_FILE,
  isExperimentFolderName,
} from './layout';
import { readYamlFile, writeYamlFile, yamlString } from './yaml-files';

export interface ExperimentRecord {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  /** The experiment's folder (under the root, or under .trash when deleted). */
  dir: string;
}

const CLAIM_WAIT_MS = 3000;
const CREATE_ATTEMPTS = 5;

/** Experiments of the file store: the default experiment, lookup by id or name, race-safe creation. */
export class ExperimentStore {
  private ready: Promise<void> | null = null;
  private readonly idByName = new Map<string, string>();

  constructor(private readonly layout: FileStoreLayout) {}

  /** Creates the root, .trash and the default experiment 0 on first use, as MLflow does. */
  ensureStore(): Promise<void> {
    this.ready ??= this.initialise().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async initialise(): Promise<void> {
    try {
      await fs.mkdir(this.layout.trash, { recursive: true });
    } catch (error) {
      throw new TrackingError(
        `cannot use '${this.layout.root}' as an MLflow file store: ${(error as Error).message}`,
        'INVALID_STATE',
      );
    }
    if (!(await this.read(DEFAULT_EXPERIMENT_ID))) {
      await fs.mkdir(this.layout.experiment(DEFAULT_EXPERIMENT_ID), { recursive: true });
      await this.writeMeta(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME);
    }
  }

  /** Active or deleted experiment by id; null when unknown or not yet fully written. */
  async read(id: string): Promise<ExperimentRecord | null> {
    if (!isExperimentFolderName(id) || id.includes('/') || id.includes('\\')) return null;
    for (const deleted of [false, true]) {
      const dir = this.layout.experiment(id, deleted);
      const meta = await readYamlFile(join(dir, META_FILE));
      if (!meta) continue;
      return {
        id: yamlString(meta['experiment_id'], id),
        name: yamlString(meta['name']),
        artifactLocation: yamlString(meta['artifact_location']) || joinArtifactUri(pathToFileUri(this.layout.root), id),
        lifecycleStage: meta['lifecycle_stage'] === 'deleted' || deleted ? 'deleted' : 'active',
        dir,
      };
    }
    return null;
  }

  /** Ids of every experiment folder, active first, then deleted (in .trash). */
  async listIds(): Promise<Array<{ id: string; deleted: boolean }>> {
    const active = (await listDirNames(this.layout.root)).filter(isExperimentFolderName);
    const deleted = (await listDirNames(this.layout.trash)).filter(isExperimentFolderName);
    return [...active.map((id) => ({ id, deleted: false })), ...deleted.map((id) => ({ id, deleted: true }))];
  }

  async findActiveByName(name: string): Promise<ExperimentRecord | null> {
    const cached = this.idByName.get(name);
    if (cached) {
      const record = await this.read(cached);
      if (record?.name === name && record.lifecycleStage === 'active') return record;
      this.idByName.delete(name);
    }
    for (const { id, deleted } of await this.listIds()) {
      if (deleted) continue;
      const record = await this.read(id);
      if (record?.name === name && record.lifecycleStage === 'active') {
        this.idByName.set(name, record.id);
        return record;
      }
    }
    return null;
  }

  /**
   * Two processes may ask for the same new name at once. The first to create the hidden claim file
   * (an atomic link) owns the name and writes the experiment; the others read the claimed id and wait
   * for its meta.yaml (or finish the write if the owner died before it).
   */
  async getOrCreate(name: string): Promise<string> {
    await this.ensureStore();
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      const existing = await this.findActiveByName(name);
      if (existing) return existing.id;
      const claim = this.layout.experimentNameClaim(name);
      const candidate = await this.unusedExperimentId();
      if (await createFileExclusive(claim, candidate, this.layout.root)) {
        await fs.mkdir(this.layout.experiment(candidate), { recursive: true });
        await this.writeMeta(candidate, name);
        this.idByName.set(name, candidate);
        return candidate;
      }
      const claimed = (await readTextIfExists(claim))?.trim();
      if (!claimed) continue;
      await waitFor(async () => (await this.read(claimed)) !== null, CLAIM_WAIT_MS);
      const record = await this.read(claimed);
      if (!record) {
        await fs.mkdir(this.layout.experiment(claimed), { recursive: true });
        await this.writeMeta(claimed, name);
        return claimed;
      }
      if (record.name === name && record.lifecycleStage === 'active') return claimed;
      await this.dropStaleClaim(claim, claimed); // the claimed experiment was renamed or deleted since
    }
    throw new TrackingError(
      `could not create experiment '${name}' after ${CREATE_ATTEMPTS} attempts`,
      'INTERNAL_ERROR',
    );
  }

  private async writeMeta(id: string, name: string): Promise<void> {
    const now = Date.now();
    const dir = this.layout.experiment(id);
    await writeYamlFile(
      join(dir, META_FILE),
      {
        artifact_location: joinArtifactUri(pathToFileUri(this.layout.root), id),
        creation_time: now,
        experiment_id: id,
        last_update_time: now,
        lifecycle_stage: 'active',
        name,
      },
      dir,
    );
  }

  /** MLflow's ids for new experiments: random 18-digit integers (as strings). */
  private async unusedExperimentId(): Promise<string> {
    for (;;) {
      const id = `${randomInt(1, 10)}${Array.from({ length: 17 }, () => randomInt(10)).join('')}`;
      if (!(await this.read(id))) return id;
    }
  }

  private async dropStaleClaim(claim: string, staleId: string): Promise<void> {
    const parked = join(this.layout.root, tempName('stale-claim'));
    try {
      await fs.rename(claim, parked);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      throw error;
    }
    const parkedId = (await readTextIfExists(parked))?.trim();
    // Another process replaced the claim meanwhile: put its fresh claim back.
    if (parkedId !== staleId) await fs.link(parked, claim).catch(() => undefined);
    await fs.rm(parked, { force: true });
  }
}
