// @ts-check
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { redisPingPayload, roleFromCommandLine } from '../../../docker/healthcheck.mjs';

const script = fileURLToPath(new URL('../../../docker/healthcheck.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'healthcheck-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the health check as Docker does (async, so in-process fake servers keep answering). */
function healthcheck(/** @type {string} */ role, /** @type {Record<string, string>} */ env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, role], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (status) => resolve({ status, out: out.trim() }));
  });
}

/** @param {(path: string) => number} statusFor */
async function httpServer(statusFor) {
  const server = createHttpServer((req, res) => res.writeHead(statusFor(req.url ?? '')).end());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** A Redis stand-in that answers every command with the given RESP line. */
async function fakeRedis(/** @type {string} */ reply) {
  const server = createTcpServer((socket) => socket.on('data', () => socket.write(`${reply}\r\n`)));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return { server, url: `redis://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

test('the role is read from the tini command line', () => {
  assert.equal(roleFromCommandLine(['/usr/bin/tini', '--', '/usr/local/bin/topicops-entrypoint', 'worker']), 'worker');
  assert.equal(roleFromCommandLine(['/usr/bin/tini', '--', '/usr/local/bin/topicops-entrypoint', 'bash']), undefined);
  assert.equal(roleFromCommandLine(['node', 'x.js']), undefined);
});

test('Redis PING carries AUTH only when the URL has credentials', () => {
  assert.deepEqual(redisPingPayload(new URL('redis://redis:6379')), { payload: '*1\r\n$4\r\nPING\r\n', replies: 1 });
  const withPassword = redisPingPayload(new URL('redis://:p%40ss@redis:6379/2'));
  assert.equal(withPassword.replies, 2);
  assert.match(withPassword.payload, /^\*2\r\n\$4\r\nAUTH\r\n\$4\r\np@ss\r\n\*1/);
  assert.match(redisPingPayload(new URL('redis://app:pw@redis')).payload, /^\*3\r\n\$4\r\nAUTH\r\n\$3\r\napp\r\n/);
});

test('api: /health/live decides, /health is the fallback and the opt-in', async () => {
  const live = await httpServer((path) => (path === '/health/live' ? 200 : 503));
  const legacy = await httpServer((path) => (path === '/health' ? 200 : 404));
  try {
    assert.equal((await healthcheck('api', { PORT: String(live.port) })).status, 0);
    assert.equal((await healthcheck('api', { PORT: String(legacy.port) })).status, 0);
    const readiness = await healthcheck('api', { PORT: String(live.port), HEALTHCHECK_PATH: '/health' });
    assert.equal(readiness.status, 1);
    assert.match(readiness.out, /unhealthy: \/health answered HTTP 503/);
  } finally {
    live.server.close();
    legacy.server.close();
  }
  const down = await healthcheck('api', { PORT: '1' });
  assert.equal(down.status, 1);
});

test('worker/scheduler: the service process must run and Redis must answer', async () => {
  const appDir = join(scratch, 'app');
  mkdirSync(join(appDir, 'dist/apps/worker'), { recursive: true });
  writeFileSync(join(appDir, 'dist/apps/worker/main.js'), 'setInterval(() => {}, 1000);');
  const worker = spawn(process.execPath, ['dist/apps/worker/main.js'], { cwd: appDir, stdio: 'ignore' });
  const pong = await fakeRedis('+PONG');
  const refusing = await fakeRedis('-NOAUTH Authentication required.');
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const env = { TOPICOPS_APP_DIR: appDir };
    assert.deepEqual(await healthcheck('worker', { ...env, REDIS_URL: pong.url }), {
      status: 0,
      out: 'healthy: worker is running and Redis answers',
    });
    const noScheduler = await healthcheck('scheduler', { ...env, REDIS_URL: pong.url });
    assert.equal(noScheduler.status, 1);
    assert.match(noScheduler.out, /no live scheduler process/);
    const refused = await healthcheck('worker', { ...env, REDIS_URL: refusing.url });
    assert.equal(refused.status, 1);
    assert.match(refused.out, /NOAUTH/);
  } finally {
    worker.kill();
    pong.server.close();
    refusing.server.close();
  }
});

test('one-shot roles are healthy; an unknown role is not', () => {
  assert.equal(spawnSync(process.execPath, [script, 'migrate']).status, 0);
  const unknown = spawnSync(process.execPath, [script, 'nonsense'], { encoding: 'utf8' });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stdout, /cannot tell the container's role/);
});
