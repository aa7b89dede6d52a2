import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { AppConfig, createLogger, loadConfig } from '@topicops/config';
import { TestDatabase, TestDialect, createTestDatabase } from '@topicops/corpus/testing';
import { TrackingClient, createTrackingClient } from '@topicops/tracking';
import { createApiApp } from '../../src/app/create-api-app';
import type { ApiAppOverrides } from '../../src/app/api-runtime';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  tracking: TrackingClient;
  trackingDir: string;
  close(): Promise<void>;
}

/**
 * A real API app on a fresh migrated database (sqlite, or MariaDB when TEST_MYSQL_URL is set) and a
 * temporary MLflow file store. `prepare` runs before the app starts (register models, insert rows).
 */
export async function startTestApp(
  label: string,
  options: {
    /** sqlite, or MySQL/MariaDB (needs TEST_MYSQL_URL); default: MySQL when TEST_MYSQL_URL is set. */
    dialect?: TestDialect;
    env?: Record<string, string>;
    overrides?: ApiAppOverrides;
    prepare?(context: { db: TestDatabase; tracking: TrackingClient; trackingDir: string }): Promise<void>;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(`api_${label}`, options.dialect);
  const trackingDir = mkdtempSync(join(tmpdir(), `topicops-api-${label}-mlruns-`));
  const cacheDir = mkdtempSync(join(tmpdir(), `topicops-api-${label}-cache-`));
  const tracking = createTrackingClient(trackingDir);
  try {
    await options.prepare?.({ db, tracking, trackingDir });
    const config = loadConfig({
      DATABASE_URL: db.url,
      TRACKING_URI: trackingDir,
      LOG_LEVEL: 'silent',
      MODEL_POLL_SECONDS: '0.2',
      ...options.env,
    });
    const app = await createApiApp(config, {
      logger: createLogger({ name: 'api-test', level: 'silent' }),
      tracking,
      dataSource: db.ds,
      apiEnv: { modelCacheDir: cacheDir },
      ...options.overrides,
    });
    // Listening once (instead of supertest's listen-per-request) lets concurrent requests share the server.
    await app.listen(0, '127.0.0.1');
    return {
      app,
      config,
      db,
      tracking,
      trackingDir,
      close: async () => {
        await app.close();
        await db.drop();
        rmSync(trackingDir, { recursive: true, force: true });
        rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db.drop();
    rmSync(trackingDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
    throw error;
  }
}
