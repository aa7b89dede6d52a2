import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TrackingClient } from '@topicops/tracking';
import { ModelBundle } from './model-bundle';

export const CHAMPION_ALIAS = 'champion';

/**
 * Downloads a registered model version into a local cache (once) and loads it. The download lands in a
 * temporary folder that is renamed into place, so a crash never leaves a half-written cache entry.
 */
export async function loadModelVersionBundle(
  tracking: TrackingClient,
  modelName: string,
  version: string,
  cacheDir: string,
): Promise<ModelBundle> {
  // Keyed by the version's source URI too: two tracking stores can both have a "version 1".
  const { source } = await tracking.getModelVersion(modelName, version);
  const sourceKey = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const target = join(cacheDir, safeSegment(modelName), `v${safeSegment(version)}-${sourceKey}`);
  if (!existsSync(target)) {
    const staging = `${target}.partial-${process.pid}-${Date.now()}`;
    await fs.mkdir(staging, { recursive: true });
    try {
      const downloaded = await tracking.downloadModelVersion(modelName, version, staging);
      await fs.mkdir(join(target, '..'), { recursive: true });
      await fs.rename(downloaded, target).catch(async (error: NodeJS.ErrnoException) => {
        if (!existsSync(target)) throw error; // another process won the race: its copy is as good
      });
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }
  return ModelBundle.load(target, { version });
}

/** The model version the alias `champion` points at, loaded; null while no version has been promoted. */
export async function loadChampionBundle(
  tracking: TrackingClient,
  modelName: string,
  cacheDir: string,
): Promise<ModelBundle | null> {
  const champion = await tracking.getAlias(modelName, CHAMPION_ALIAS);
  if (!champion) return null;
  return loadModelVersionBundle(tracking, modelName, champion.version, cacheDir);
}

function safeSegment(value: string): string {
  return value.replace(/[^\w.-]/g, '_');
}
