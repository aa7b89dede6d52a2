// @ts-check
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const script = fileURLToPath(new URL('../../../docker/mysql/init/01-topicops-databases.sh', import.meta.url));
const bin = mkdtempSync(join(tmpdir(), 'mysql-init-'));
after(() => rmSync(bin, { recursive: true, force: true }));
// A `mysql` stand-in that records the SQL it is fed and the password it got through MYSQL_PWD.
writeFileSync(join(bin, 'mysql'), `#!/bin/sh\ncat > "${bin}/sql.txt"\nprintf '%s' "$MYSQL_PWD" > "${bin}/pwd.txt"\n`);
chmodSync(join(bin, 'mysql'), 0o755);

const env = {
  PATH: `${bin}:${process.env.PATH}`,
  MYSQL_ROOT_PASSWORD: 'root-secret',
  TOPICOPS_DB_NAME: 'topicops',
  TOPICOPS_DB_USER: 'topicops',
  TOPICOPS_DB_PASSWORD: "it's\\tricky",
  MLFLOW_DB_NAME: 'mlflow',
  MLFLOW_DB_USER: 'mlflow',
  MLFLOW_DB_PASSWORD: 'plain',
};

test('creates both databases and users with escaped passwords, root password kept off the command line', () => {
  const result = spawnSync('bash', [script], { env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const sql = readFileSync(join(bin, 'sql.txt'), 'utf8');
  assert.match(sql, /CREATE DATABASE IF NOT EXISTS `topicops` CHARACTER SET utf8mb4/);
  assert.match(sql, /CREATE USER IF NOT EXISTS 'topicops'@'%' IDENTIFIED BY 'it''s\\\\tricky';/);
  assert.match(sql, /GRANT ALL PRIVILEGES ON `mlflow`\.\* TO 'mlflow'@'%';/);
  assert.equal(readFileSync(join(bin, 'pwd.txt'), 'utf8'), 'root-secret');
});

test('refuses unsafe names and missing settings', () => {
  const injected = spawnSync('bash', [script], {
    env: { ...env, MLFLOW_DB_NAME: 'x`; DROP DATABASE y; --' },
    encoding: 'utf8',
  });
  assert.equal(injected.status, 1);
  assert.match(injected.stderr, /is not a valid database or user name/);
  const missing = spawnSync('bash', [script], { env: { ...env, TOPICOPS_DB_PASSWORD: '' }, encoding: 'utf8' });
  assert.notEqual(missing.status, 0);
});
