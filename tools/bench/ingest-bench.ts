// Ingestion throughput: loads a ChroniclItaly-layout tree (or any ingest source) into a fresh database and
// prints MB/s and the process's peak RSS. A temporary database is created on the server and dropped after.
//   node -r @swc-node/register tools/bench/ingest-bench.ts <root> <mysql://user@host:port | sqlite> [--reingest] [--concurrency N]
import '../scripts/migration-swc-register';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../libs/config/src/index';
import { createDataSource, ingest, IngestSummary, runMigrations } from '../../libs/corpus/src/index';
import { createConnection } from 'mysql2/promise';

interface Scratch {
  target: DatabaseTarget;
  cleanUp(): Promise<void>;
}

async function scratchDatabase(url: string): Promise<Scratch> {
  if (url === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'topicops-ingest-bench-'));
    return {
      target: { kind: 'sqlite', path: join(dir, 'bench.sqlite') },
      cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = new URL(url);
  const access = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password),
  };
  const database = `bench_ingest_${process.pid}_${randomBytes(3).toString('hex')}`;
  const run = async (sql: string) => {
    const connection = await createConnection(access);
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  await run(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    target: {
      kind: 'mysql',
      host: access.host,
      port: access.port,
      username: access.user,
      password: access.password,
      database,
    },
    cleanUp: () => run(`DROP DATABASE IF EXISTS \`${database}\``),
  };
}

async function measured(label: string, run: () => Promise<IngestSummary>): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const summary = await run();
  const cpu = process.cpuUsage(cpuBefore);
  const megabytes = summary.bytes / 1e6;
  console.log(
    `${label}: docs ${summary.added + summary.updated + summary.unchanged} (added ${summary.added}, unchanged ${summary.unchanged}, rejected ${summary.rejected}) ` +
      `MB ${megabytes.toFixed(1)} seconds ${summary.seconds.toFixed(2)} MB/s ${(megabytes / summary.seconds).toFixed(1)} ` +
      `(this process used ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU s)`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [root, url] = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--concurrency');
  const concurrencyFlag = argv.indexOf('--concurrency');
  const concurrency = concurrencyFlag >= 0 ? Number(argv[concurrencyFlag + 1]) : undefined;
  if (!root || !url) {
    console.error('usage: ingest-bench.ts <root> <mysql://user@host:port | sqlite> [--reingest] [--concurrency N]');
    return 2;
  }
  const scratch = await scratchDatabase(url);
  const ds = createDataSource(scratch.target);
  try {
    await ds.initialize();
    await runMigrations(ds);
    const options = { source: root, corpus: 'bench', concurrency };
    await measured('ingest', () => ingest(ds, options));
    if (argv.includes('--reingest')) await measured('re-ingest', () => ingest(ds, options));
    console.log(`peak RSS MB ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await scratch.cleanUp();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ingest-bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
