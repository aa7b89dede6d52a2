import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseTarget } from '@topicops/config';
import type { LoggerOptions } from 'typeorm';
import { ALL_ENTITIES } from '../entities';
import { MYSQL_MIGRATIONS } from '../migrations/mysql';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';
import { TopicOpsDataSource } from './topicops-data-source';

export interface DataSourceFactoryOptions {
  /** TypeORM query logging (e.g. ['error'] or true); off by default. */
  logging?: LoggerOptions;
  /** Connection pool size on MySQL (default 10). */
  poolSize?: number;
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * A DataSource (not yet initialised) for MySQL/MariaDB through mysql2, or for an embedded sqlite file
 * through better-sqlite3. The schema always comes from the committed migrations: synchronize is off.
 */
export function createDataSource(target: DatabaseTarget, opts: DataSourceFactoryOptions = {}): TopicOpsDataSource {
  const common = {
    entities: ALL_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: opts.logging ?? false,
  } as const;

  if (target.kind === 'mysql') {
    return new TopicOpsDataSource({
      ...common,
      type: 'mysql',
      host: target.host,
      port: target.port,
      username: target.username,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: opts.poolSize ?? 10,
      migrations: MYSQL_MIGRATIONS,
    });
  }

  const inMemory = target.path === ':memory:';
  const path = inMemory ? target.path : resolve(target.path);
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  return new TopicOpsDataSource({
    ...common,
    type: 'better-sqlite3',
    database: path,
    enableWAL: !inMemory,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    // WAL makes NORMAL durable against application crashes; only a power cut can lose the last commits.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
    },
    migrations: SQLITE_MIGRATIONS,
  });
}
