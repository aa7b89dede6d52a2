import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { InvalidParameterValueError, ResourceDoesNotExistError, TrackingError } from '../errors';
import { isErrno, listDirNames, pathExists, readTextIfExists, tempName, waitFor, writeFileAtomic } from '../fs-utils';
import { dumpYaml } from '../python-format';
import { ModelVersion } from '../types';
import { FileStoreLayout, META_FILE } from './layout';
import { readKeyValueFolder } from './run-reader';
import { YamlObject, readYamlFile, writeYamlFile, yamlNumber, yamlString } from './yaml-files';

const DELETED_STAGE = 'Deleted_Internal';
const VERSION_ATTEMPTS = 1000;
const META_WAIT_MS = 3000;

/** The model registry of MLflow's file store: <root>/models/<name>/{meta.yaml, aliases/, version-N/}. */
export class RegistryStore {
  constructor(private readonly layout: FileStoreLayout) {}

  async ensureRegisteredModel(name: string): Promise<void> {
    validateFileStoreModelName(name);
    await fs.mkdir(this.layout.models, { recursive: true });
    const dir = this.layout.registeredModel(name);
    try {
      await fs.mkdir(dir);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      // Created by someone else; if its meta.yaml never appears (creator died), write it ourselves.
      if (await waitFor(() => pathExists(join(dir, META_FILE)), META_WAIT_MS)) return;
    }
    const now = Date.now();
    await writeYamlFile(
      join(dir, META_FILE),
      { aliases: {}, creation_timestamp: now, description: null, last_updated_timestamp: now, name },
      dir,
    );
  }

  /**
   * Allocates the next version number race-free: the version folder is prepared under a hidden name
   * and renamed to version-N, which fails when another process got N first (then N+1 is tried).
   * Readers never see a version folder without its meta.yaml.
   */
  async createModelVersion(name: string, source: string, runId: string): Promise<ModelVersion> {
    const modelDir = await this.requireModel(name);
    const staging = join(modelDir, tempName('version'));
    await fs.mkdir(staging);
    try {
      let version = (await this.highestVersion(name)) + 1;
      for (let attempt = 0; attempt < VERSION_ATTEMPTS; attempt++, version++) {
        const now = Date.now();
        const meta = versionMeta(name, version, source, runId, now);
        await writeYamlFile(join(staging, META_FILE), meta, staging);
        try {
          await fs.rename(staging, this.layout.modelVersion(name, version));
        } catch (error) {
          if (isErrno(error, 'ENOTEMPTY') || isErrno(error, 'EEXIST')) continue;
          throw error;
        }
        await this.touchModel(name, now);
        return versionFromMeta(meta, [], {});
      }
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
    throw new TrackingError(`could not allocate a version number for model '${name}'`, 'INTERNAL_ERROR');
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const modelDir = await this.requireModel(name);
    const found = await this.readVersion(name, join(modelDir, `version-${version}`));
    if (!found) throw new ResourceDoesNotExistError(`Model Version (name=${name}, version=${version}) not found`);
    return found;
  }

  async listModelVersions(name: string): Promise<ModelVersion[]> {
    const modelDir = await this.requireModel(name);
    const versions: ModelVersion[] = [];
    for (const folder of await listDirNames(modelDir)) {
      if (!folder.startsWith('version-')) continue;
      const version = await this.readVersion(name, join(modelDir, folder));
      if (version) versions.push(version);
    }
    return versions.sort((a, b) => Number(a.version) - Number(b.version));
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    const modelDir = await this.requireModel(name);
    await this.getModelVersion(name, version);
    await fs.mkdir(join(modelDir, 'aliases'), { recursive: true });
    // The temporary file must not sit in aliases/, where MLflow would read it as an alias.
    await writeFileAtomic(this.layout.alias(name, alias), version, modelDir);
    await this.touchModel(name, Date.now());
  }

  async getAlias(name: string, alias: string): Promise<ModelVersion | null> {
    if (!(await pathExists(join(this.layout.registeredModel(name), META_FILE)))) return null;
    const version = (await readTextIfExists(this.layout.alias(name, alias)))?.trim();
    if (!version) return null;
    return this.getModelVersion(name, version);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.requireModel(name);
    const path = this.layout.alias(name, alias);
    if (!(await pathExists(path))) return;
    await fs.rm(path, { force: true });
    await this.touchModel(name, Date.now());
  }

  async downloadUri(name: string, version: string): Promise<string> {
    const meta = await readYamlFile(join(this.layout.modelVersion(name, version), META_FILE));
    const found = await this.getModelVersion(name, version);
    return yamlString(meta?.['storage_location']) || found.source;
  }

  private async requireModel(name: string): Promise<string> {
    validateFileStoreModelName(name);
    const dir = this.layout.registeredModel(name);
    if (!(await pathExists(join(dir, META_FILE))))
      throw new ResourceDoesNotExistError(`Registered Model with name=${name} not found`);
    return dir;
  }

  private async highestVersion(name: string): Promise<number> {
    const numbers = (await listDirNames(this.layout.registeredModel(name)))
      .map((folder) => /^version-(\d+)$/.exec(folder)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    return numbers.length ? Math.max(...numbers) : 0;
  }

  private async readVersion(name: string, dir: string): Promise<ModelVersion | null> {
    const meta = await readYamlFile(join(dir, META_FILE));
    if (!meta || meta['current_stage'] === DELETED_STAGE) return null;
    const version = String(yamlNumber(meta['version']) ?? '');
    return versionFromMeta(meta, await this.aliasesOf(name, version), await readKeyValueFolder(join(dir, 'tags')));
  }

  private async aliasMap(name: string): Promise<Record<string, string>> {
    const aliases = await readKeyValueFolder(join(this.layout.registeredModel(name), 'aliases'));
    return Object.fromEntries(Object.entries(aliases).map(([alias, version]) => [alias, version.trim()]));
  }

  private async aliasesOf(name: string, version: string): Promise<string[]> {
    return Object.entries(await this.aliasMap(name))
      .filter(([, target]) => target === version)
      .map(([alias]) => alias)
      .sort();
  }

  /** Rewrites the registered model's meta.yaml with a new last_updated_timestamp, like MLflow. */
  private async touchModel(name: string, now: number): Promise<void> {
    const dir = this.layout.registeredModel(name);
    const meta = (await readYamlFile(join(dir, META_FILE))) ?? {};
    const updated: YamlObject = { ...meta, name, aliases: await this.aliasMap(name), last_updated_timestamp: now };
    await writeFileAtomic(join(dir, META_FILE), dumpYaml(updated), dir);
  }
}

/** The file store keeps one folder per model, so names must be usable as folder names. */
export function validateFileStoreModelName(name: string): void {
  if (/[/\\%]/.test(name) || name === '.' || name === '..' || name.includes('\0')) {
    throw new InvalidParameterValueError(
      `Invalid name: '${name}'. Registered model names in a file store cannot contain '/', '\\' or '%'`,
    );
  }
}

function versionMeta(name: string, version: number, source: string, runId: string, now: number): YamlObject {
  return {
    aliases: [],
    creation_timestamp: now,
    current_stage: 'None',
    description: null,
    last_updated_timestamp: now,
    name,
    run_id: runId,
    run_link: null,
    source,
    status: 'READY',
    status_message: null,
    storage_location: source,
    user_id: null,
    version,
  };
}

function versionFromMeta(meta: YamlObject, aliases: string[], tags: Record<string, string>): ModelVersion {
  return {
    name: yamlString(meta['name']),
    version: String(yamlNumber(meta['version']) ?? ''),
    source: yamlString(meta['source']),
    runId: yamlString(meta['run_id']) || null,
    status: yamlString(meta['status'], 'READY'),
    creationTimestamp: yamlNumber(meta['creation_timestamp']) ?? 0,
    lastUpdatedTimestamp: yamlNumber(meta['last_updated_timestamp']) ?? 0,
    description: typeof meta['description'] === 'string' ? meta['description'] : null,
    aliases,
    tags,
  };
}
