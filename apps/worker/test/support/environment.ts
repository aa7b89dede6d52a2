import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, Logger, createLogger, loadConfig } from '@topicops/config';
import { Queue } from 'bullmq';
import { redisConnectionOptions } from '@topicops/pipeline';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL']?.trim() || undefined;
export const FIXTURES = join(__dirname, '../../../../fixtures');

export function redisSkipNotice(suite: string): void {
  if (!TEST_REDIS_URL) console.log(`${suite}: skipped, set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it`);
}

export function testPrefix(label: string): string {
  return `t-${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Deletes every Redis key under the prefix. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const queue = new Queue('cleanup', { connection: redisConnectionOptions(redisUrl, 'producer'), prefix });
  const redis = await queue.client;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await queue.close();
  }
}

/** A ChroniclItaly-layout folder with the first `perPublication` files of every demo publication. */
export function smallCorpus(perPublication: number): { dir: string; files: number; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'topicops-corpus-'));
  const source = join(FIXTURES, 'demo-corpus');
  let files = 0;
  for (const publication of readdirSync(source).sort()) {
    mkdirSync(join(dir, publication));
    for (const name of readdirSync(join(source, publication)).sort().slice(0, perPublication)) {
      copyFileSync(join(source, publication, name), join(dir, publication, name));
      files += 1;
    }
  }
  return { dir, files, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `topicops-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment shared by the test's own process and the workers it starts. */
export function pipelineEnv(o: {
  databaseUrl: string;
  trackingDir: string;
  redisUrl: string;
  prefix: string;
  kpiMinCv: number;
}): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    TRACKING_URI: o.trackingDir,
    REDIS_URL: o.redisUrl,
    BULLMQ_PREFIX: o.prefix,
    KPI_MIN_CV: String(o.kpiMinCv),
    MODEL_NAME: 'topicops-lda-test',
    TFJS_BACKEND: 'cpu',
    WORKER_LOCK_DURATION_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    WORKER_SHUTDOWN_GRACE_MS: '5000',
  };
}

export function configFor(env: Record<string, string>): AppConfig {
  return loadConfig(env);
}

export function quietLogger(): Logger {
  return createLogger({ name: 'worker-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
}

/** Tiny settings so a real attempt takes seconds: 4 topics, 1 pass, few iterations. */
export const SMALL_SEARCH_SPACE = { topics: [4, 5, 6], passes: [1], seeds: [1, 2, 3] };
export const SMALL_LDA = { iterations: 20 };
