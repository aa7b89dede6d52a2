import { AppConfig, Logger, createLogger } from '@topicops/config';
import { createDataSource, pendingMigrations, runMigrations } from '@topicops/corpus';
import { TrackingClient, createTrackingClient } from '@topicops/tracking';
import { DataSource } from 'typeorm';

export type Stage = 'ingest' | 'preprocess' | 'train' | 'evaluate';

export interface StageProgress {
  stage: Stage;
  fraction: number;
  message?: string;
}

export interface StageContext {
  ds: DataSource;
  tracking: TrackingClient;
  config: AppConfig;
  logger: Logger;
  progress?: (progress: StageProgress) => void;
  signal?: AbortSignal;
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database schema is behind: ${pending.length} migration(s) pending (${pending.join(', ')}). ` +
        'Run "npm run cli -- migrate" (or the compose "migrate" service) first.',
    );
    this.name = 'PendingMigrationsError';
  }
}

export function trackingClientFor(config: AppConfig): TrackingClient {
  return createTrackingClient(config.trackingUri, {
    token: config.trackingToken,
    username: config.trackingUsername,
    password: config.trackingPassword,
  });
}

/**
 * Opens the database and the tracking backend for stage code. Migrations are applied only when asked
 * (the `migrate` command, or the embedded sqlite default where one user owns the file); otherwise a
 * schema that is behind is an error, so two processes never race to migrate a shared database.
 */
export async function openStageContext(
  config: AppConfig,
  options: { logger?: Logger; migrate?: boolean | 'sqlite-only' } = {},
): Promise<StageContext & { close(): Promise<void> }> {
  const logger = options.logger ?? createLogger({ name: 'topicops', level: config.logLevel, stream: 'stderr' });
  const ds = createDataSource(config.database);
  await ds.initialize();
  try {
    const migrate = options.migrate === 'sqlite-only' ? config.database.kind === 'sqlite' : options.migrate === true;
    if (migrate) {
      await runMigrations(ds);
    } else {
      const pending = await pendingMigrations(ds);
      if (pending.length) throw new PendingMigrationsError(pending);
    }
  } catch (error) {
    await ds.destroy();
    throw error;
  }
  return {
    ds,
    tracking: trackingClientFor(config),
    config,
    logger,
    close: async () => {
      if (ds.isInitialized) await ds.destroy();
    },
  };
}
