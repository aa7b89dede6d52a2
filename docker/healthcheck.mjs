#!/usr/bin/env node
// @ts-check
// Role-aware container health check (the image's HEALTHCHECK; no curl in the slim image).
//   api                 GET http://127.0.0.1:$PORT/health/live must answer 200 (liveness: the process
//                       serves HTTP). /health is readiness (a champion model is loaded), which a fresh
//                       stack only reaches after its first training; HEALTHCHECK_PATH=/health opts into it.
//   worker, scheduler   their node process is alive and Redis (their queue) answers PING
//   migrate, cli        one-shot roles: healthy while running
// The role comes from argv[2] or, inside the container, from PID 1's command line
// (tini -- topicops-entrypoint <role>). Exit 0 = healthy, 1 = unhealthy.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { pathToFileURL } from 'node:url';

const TIMEOUT_MS = 4000;
const ROLES = ['api', 'worker', 'scheduler', 'migrate', 'cli'];

/** @returns {string | undefined} */
export function roleFromCommandLine(/** @type {string[]} */ argv) {
  const entry = argv.findIndex((arg) => arg.endsWith('topicops-entrypoint') || arg.endsWith('entrypoint.sh'));
  const candidate = entry >= 0 ? argv[entry + 1] : undefined;
  return candidate && ROLES.includes(candidate) ? candidate : undefined;
}

function readCmdline(/** @type {string} */ pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * True when a live (non-zombie) process runs <app dir>/dist/apps/<role>/main.js; the app dir is
 * TOPICOPS_APP_DIR, /app in the image.
 */
function serviceProcessAlive(/** @type {string} */ role) {
  const expected = resolvePath(process.env['TOPICOPS_APP_DIR'] || '/app', 'dist', 'apps', role, 'main.js');
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (!readCmdline(pid).some((arg) => resolvePath(cwd, arg) === expected)) continue;
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .charAt(0);
      if (state !== 'Z' && state !== 'X') return true;
    } catch {
      // the process ended while we looked, or is not ours to inspect
    }
  }
  return false;
}

/** @returns {Promise<number>} the HTTP status */
function httpStatus(/** @type {number} */ port, /** @type {string} */ path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`${path} did not answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** @returns {Promise<string>} the path that answered 200 */
async function checkApi(/** @type {number} */ port, /** @type {string | undefined} */ configuredPath) {
  const path = configuredPath || '/health/live';
  const status = await httpStatus(port, path);
  // An api without a liveness route: fall back to /health.
  if (status === 404 && !configuredPath) return checkApi(port, '/health');
  if (status !== 200) throw new Error(`${path} answered HTTP ${status}`);
  return path;
}

/**
 * The RESP commands for a PING, preceded by AUTH when the URL carries credentials.
 * @param {URL} url
 */
export function redisPingPayload(url) {
  const encode = (/** @type {string[]} */ parts) =>
    `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
  const password = decodeURIComponent(url.password);
  const username = decodeURIComponent(url.username);
  const auth = password ? encode(username ? ['AUTH', username, password] : ['AUTH', password]) : '';
  return { payload: auth + encode(['PING']), replies: auth ? 2 : 1 };
}

/** @returns {Promise<void>} */
function checkRedis(/** @type {string} */ redisUrl) {
  const url = new URL(redisUrl);
  const { payload, replies } = redisPingPayload(url);
  const port = Number(url.port || 6379);
  const host = url.hostname || '127.0.0.1';
  return new Promise((resolve, reject) => {
    const socket =
      url.protocol === 'rediss:' ? tlsConnect({ host, port, servername: host }) : tcpConnect({ host, port });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`Redis did not answer within ${TIMEOUT_MS} ms`)));
    let buffer = '';
    socket.on(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n').filter(Boolean);
      if (lines.some((line) => line.startsWith('-'))) {
        socket.destroy(new Error(`Redis refused: ${lines.find((line) => line.startsWith('-'))}`));
      } else if (lines.length >= replies) {
        socket.end();
        if (lines[replies - 1] === '+PONG') resolve();
        else reject(new Error(`unexpected Redis reply ${lines[replies - 1]}`));
      }
    });
    socket.on('error', reject);
  });
}

async function main() {
  const role = process.argv[2] ?? roleFromCommandLine(readCmdline('1'));
  switch (role) {
    case 'api': {
      const path = await checkApi(Number(process.env['PORT'] || 3000), process.env['HEALTHCHECK_PATH']);
      return `api ${path} answered 200`;
    }
    case 'worker':
    case 'scheduler':
      if (!serviceProcessAlive(role)) throw new Error(`no live ${role} process`);
      if (process.env['REDIS_URL']) await checkRedis(process.env['REDIS_URL']);
      return `${role} is running${process.env['REDIS_URL'] ? ' and Redis answers' : ''}`;
    case 'migrate':
    case 'cli':
      return `${role} is a one-shot role`;
    default:
      throw new Error(`cannot tell the container's role (got ${JSON.stringify(role)})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (message) => {
      console.log(`healthy: ${message}`);
      process.exit(0);
    },
    (error) => {
      console.log(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
