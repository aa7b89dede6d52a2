import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseTarget } from '@topicops/config';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource } from '../database/create-data-source';
import { runMigrations } from '../database/migrations';

export type TestDialect = 'sqlite' | 'mysql';

export interface TestDatabase {
  ds: DataSource;
  /** DATABASE_URL of this database (mysql://…/<db> or sqlite:<file>), for processes started by the test. */
  url: string;
  target: DatabaseTarget;
  dialect: TestDialect;
  /** Closes the connection and deletes the database (or the sqlite file). */
  drop(): Promise<void>;
}

interface MysqlServer {
  host: string;
  port: number;
  username: string;
  password: string;
  /** The server URL as given, without a database. */
  url: URL;
}

let skipNoticeShown = false;

function mysqlServerFromEnv(): MysqlServer | undefined {
  const raw = process.env['TEST_MYSQL_URL']?.trim();
  if (!raw) return undefined;
  const url = new URL(raw);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    url,
  };
}

/** True when TEST_MYSQL_URL names a MySQL/MariaDB server for the tests. */
export function mysqlAvailable(): boolean {
  return mysqlServerFromEnv() !== undefined;
}

/**
 * The dialects a dialect-sensitive suite runs against: sqlite always, MySQL when TEST_MYSQL_URL is set.
 * Use as `describe.each(testDialects())('… (%s)', (dialect) => …)`.
 */
export function testDialects(): TestDialect[] {
  if (mysqlAvailable()) return ['sqlite', 'mysql'];
  if (!skipNoticeShown) {
    skipNoticeShown = true;
    console.log('MySQL suites skipped: set TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306) to run them');
  }
  return ['sqlite'];
}

/** `t_<label>_<pid>_<random>`, at most 64 characters (MySQL's limit), only [a-z0-9_]. */
export function testDatabaseName(label: string): string {
  const suffix = `_${process.pid}_${randomBytes(4).toString('hex')}`;
  const cleanLabel =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'db';
  return `t_${cleanLabel.slice(0, 64 - 2 - suffix.length)}${suffix}`;
}

async function createMysqlTestDatabase(label: string, server: MysqlServer): Promise<TestDatabase> {
  const database = testDatabaseName(label);
  const admin = await createConnection({
    host: server.host,
    port: server.port,
    user: server.username,
    password: server.password,
  });
  try {
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const target: DatabaseTarget = {
    kind: 'mysql',
    host: server.host,
    port: server.port,
    username: server.username,
    password: server.password,
    database,
  };
  const url = new URL(server.url.toString());
  url.pathname = `/${database}`;
  const ds = createDataSource(target, { poolSize: 4 });
  const drop = async () => {
    if (ds.isInitialized) await ds.destroy();
    const connection = await createConnection({
      host: server.host,
      port: server.port,
      user: server.username,
      password: server.password,
    });
    try {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    } finally {
      await connection.end();
    }
  };
  return initialise({ ds, url: url.toString(), target, dialect: 'mysql', drop });
}

async function createSqliteTestDatabase(label: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `topicops-${label.replace(/[^\w-]+/g, '_')}-`));
  const path = join(dir, 'test.sqlite');
  const target: DatabaseTarget = { kind: 'sqlite', path };
  const ds = createDataSource(target);
  const drop = async () => {
    if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  return initialise({ ds, url: `sqlite:${path}`, target, dialect: 'sqlite', drop });
}

async function initialise(db: TestDatabase): Promise<TestDatabase> {
  try {
    await db.ds.initialize();
    await runMigrations(db.ds);
    return db;
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * A fresh, migrated database of its own for one test file: a uniquely named MySQL database when
 * TEST_MYSQL_URL is set (or `dialect` asks for one), otherwise a temporary sqlite file.
 * Call `drop()` in afterAll.
 */
export async function createTestDatabase(label: string, dialect?: TestDialect): Promise<TestDatabase> {
  const server = mysqlServerFromEnv();
  const chosen = dialect ?? (server ? 'mysql' : 'sqlite');
  if (chosen === 'sqlite') return createSqliteTestDatabase(label);
  if (!server) throw new Error('A MySQL test database needs TEST_MYSQL_URL, e.g. mysql://root@127.0.0.1:3306');
  return createMysqlTestDatabase(label, server);
}
