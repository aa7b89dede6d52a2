import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, Logger, createLogger, loadConfig } from '@topicops/config';

export { TEST_REDIS_URL, deletePrefix, redisSkipNotice, testPrefix } from '@topicops/pipeline/testing';
export const FIXTURES = join(__dirname, '../../../../fixtures');

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
