#!/usr/bin/env node
// Runs a built app entry (dist/apps/<app>/<entry>.js), building it first through Nx when the
// build is missing or stale (Nx's cache makes an up-to-date build a ~1 s check). Build output goes
// to stderr so that a command's stdout stays one JSON summary line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [app, entry = 'main', ...args] = process.argv.slice(2);
if (!app) {
  console.error('usage: run-app.mjs <app> [entry] [args...]');
  process.exit(2);
}
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
if (process.env.TOPICOPS_SKIP_BUILD !== 'true') {
  const build = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['run', `${app}:build`, '--outputStyle=static'], {
    cwd: root,
    env,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    console.error(`topicops: building ${app} failed (exit ${build.status})`);
    process.exit(1);
  }
}
const file = join(root, 'dist', 'apps', app, `${entry}.js`);
if (!existsSync(file)) {
  console.error(`topicops: ${file} is missing; run "npm run build" first`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', file, ...args], { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 1);
