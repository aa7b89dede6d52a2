// @ts-check
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, beforeEach, test } from 'node:test';

const entrypoint = fileURLToPath(new URL('../../../docker/entrypoint.sh', import.meta.url));
const app = mkdtempSync(join(tmpdir(), 'entrypoint-'));
const checks = join(app, 'checks.log');
after(() => rmSync(app, { recursive: true, force: true }));

// Stand-ins for the bundles: each prints what it was started with. The fake CLI answers
// `migrate --check` with the next exit code of FAKE_CHECK_CODES (one per call).
for (const role of ['api', 'worker', 'scheduler']) {
  mkdirSync(join(app, 'dist/apps', role), { recursive: true });
  writeFileSync(
    join(app, 'dist/apps', role, 'main.js'),
    `console.log(JSON.stringify({ role: '${role}', args: process.argv.slice(2), cwd: process.cwd() }));`,
  );
}
writeFileSync(
  join(app, 'dist/apps/worker/cli.js'),
  `const fs = require('fs');
const args = process.argv.slice(2);
if (args[0] === 'migrate' && args[1] === '--check') {
  const calls = fs.existsSync(${JSON.stringify(checks)}) ? fs.readFileSync(${JSON.stringify(checks)}, 'utf8').length : 0;
  fs.appendFileSync(${JSON.stringify(checks)}, 'x');
  const code = Number((process.env.FAKE_CHECK_CODES || '0').split(',')[calls] ?? 0);
  console.log(JSON.stringify({ pending: code === 1 ? ['Init1'] : [] }));
  process.exit(code);
}
console.log(JSON.stringify({ cli: args }));`,
);

beforeEach(() => rmSync(checks, { force: true }));

/** @param {string[]} args @param {Record<string, string>} [env] */
function run(args, env = {}) {
  const result = spawnSync('sh', [entrypoint, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TOPICOPS_APP_DIR: app, MIGRATIONS_WAIT_INTERVAL: '0.05', ...env },
  });
  const lines = result.stdout.trim().split('\n');
  return { status: result.status, stderr: result.stderr, last: lines[lines.length - 1] };
}
const checkCalls = () => (existsSync(checks) ? readFileSync(checks, 'utf8').length : 0);
const MYSQL = { DATABASE_URL: 'mysql://app:pw@db:3306/topicops' };

test('services wait until migrate --check passes, then exec their bundle from the app dir', () => {
  const result = run(['api', '--inspect-port=0'], { ...MYSQL, FAKE_CHECK_CODES: '1,1,0' });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.last), { role: 'api', args: ['--inspect-port=0'], cwd: app });
  assert.equal(checkCalls(), 3);
  assert.match(result.stderr, /waiting for database migrations/);
});

test('sqlite and WAIT_FOR_MIGRATIONS=false skip the wait', () => {
  assert.equal(run(['worker'], { DATABASE_URL: 'sqlite:./data/x.sqlite', FAKE_CHECK_CODES: '1' }).status, 0);
  assert.equal(run(['scheduler'], { ...MYSQL, WAIT_FOR_MIGRATIONS: 'false', FAKE_CHECK_CODES: '1' }).status, 0);
  assert.equal(checkCalls(), 0);
});

test('a configuration error stops at once; a schema that stays behind times out', () => {
  const configError = run(['api'], { ...MYSQL, FAKE_CHECK_CODES: '2' });
  assert.equal(configError.status, 2);
  assert.match(configError.stderr, /configuration error/);
  assert.equal(checkCalls(), 1);
  const behind = run(['worker'], {
    ...MYSQL,
    FAKE_CHECK_CODES: '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1',
    MIGRATIONS_WAIT_SECONDS: '0',
  });
  assert.equal(behind.status, 1);
  assert.match(behind.stderr, /still not migrated/);
});

test('migrate and cli run the CLI; bad roles are usage errors', () => {
  assert.deepEqual(JSON.parse(run(['migrate'], MYSQL).last), { cli: ['migrate'] });
  assert.equal(checkCalls(), 0, 'the migrate role never waits for itself');
  assert.deepEqual(JSON.parse(run(['cli', 'ingest', '--source', 'fixtures/demo-corpus']).last), {
    cli: ['ingest', '--source', 'fixtures/demo-corpus'],
  });
  for (const args of [[], ['cli'], ['bash']]) {
    const result = run(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /usage:/);
  }
  assert.equal(run(['--help']).status, 0);
});
