#!/usr/bin/env node
// @ts-check
// Scratch resources of the container rehearsal, from the checkout's node_modules (never the app's):
//   url <server-url> <db>            the DATABASE_URL of <db> on that server
//   create|drop <server-url> <db>    a fresh database / its removal
//   redis-clear <redis-url> <prefix> deletes every key under the BullMQ prefix
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';

/** @param {string} serverUrl @param {string} database */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** @param {string} name */
function assertIdentifier(name) {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`"${name}" is not a safe database name`);
  return name;
}

/** @param {string} serverUrl @param {string} sql */
async function execute(serverUrl, sql) {
  const url = new URL(serverUrl);
  const connection = await createConnection({
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/** @param {string} redisUrl @param {string} prefix */
async function clearPrefix(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function main() {
  const [command, target, name] = process.argv.slice(2);
  if (!command || !target || !name) throw new Error('usage: rehearsal-db.mjs url|create|drop|redis-clear <url> <name>');
  switch (command) {
    case 'url':
      console.log(databaseUrl(target, assertIdentifier(name)));
      return;
    case 'create':
      await execute(target, `DROP DATABASE IF EXISTS \`${assertIdentifier(name)}\``);
      await execute(target, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      console.log(`created database ${name}`);
      return;
    case 'drop':
      await execute(target, `DROP DATABASE IF EXISTS \`${assertIdentifier(name)}\``);
      return;
    case 'redis-clear':
      console.log(`deleted ${await clearPrefix(target, name)} Redis keys under ${name}:`);
      return;
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((error) => {
  console.error(`rehearsal-db: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
