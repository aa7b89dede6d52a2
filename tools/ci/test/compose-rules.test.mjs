// @ts-check
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { checkComposeRules, createSchemaValidator, loadComposeFile } from '../lib/compose-rules.mjs';
import { readEnvFile } from '../lib/env-file.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const validate = createSchemaValidator(join(root, 'tools/ci/schemas/compose-spec.json'));
const scratch = mkdtempSync(join(tmpdir(), 'compose-rules-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** @param {string} yaml @param {Map<string, string>} env */
function load(yaml, env) {
  const path = join(scratch, `compose-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(path, yaml);
  return loadComposeFile(path, env);
}

const context = (/** @type {Map<string, string>} */ exampleEnv) => ({
  root: scratch,
  exampleEnv,
  knownAppEnv: new Set(['DATABASE_URL', 'LOG_LEVEL', 'ADMIN_API_KEYS']),
  scalable: ['worker'],
  appDockerfile: 'app/Dockerfile',
});

test("the repository's compose files are valid and follow the rules", () => {
  const exampleEnv = readEnvFile(join(root, '.env.example'));
  const files = ['docker-compose.yml', 'docker-compose.dev.yml'].map((name) =>
    loadComposeFile(join(root, name), exampleEnv),
  );
  assert.deepEqual(files.flatMap(validate), []);
  const knownAppEnv = new Set([
    ...['DATABASE_URL', 'TRACKING_URI', 'MLFLOW_TRACKING_TOKEN', 'REDIS_URL', 'LOG_LEVEL', 'KPI_MIN_CV', 'MODEL_NAME'],
    ...['EXPERIMENT_NAME', 'TFJS_BACKEND', 'LDA_THREADS', 'ADMIN_API_KEYS', 'PREDICT_API_KEYS', 'CORS_ORIGINS'],
    ...['API_WORKERS', 'SCHEDULE_CRON', 'SCHEDULE_SOURCE', 'PIPELINE_CORPUS', 'PIPELINE_MAX_ATTEMPTS'],
  ]);
  const problems = checkComposeRules(files, {
    root,
    exampleEnv,
    knownAppEnv,
    scalable: ['worker'],
    appDockerfile: 'docker/Dockerfile',
  });
  assert.deepEqual(problems, []);
});

test('the schema rejects what docker compose rejects', () => {
  const file = load('services:\n  web:\n    image: nginx:1.27\n    restart: sometimes\n    ports: {a: 1}\n', new Map());
  const problems = validate(file);
  assert.ok(
    problems.some((p) => p.includes('/services/web/ports')),
    problems.join('\n'),
  );
});

test('every project rule reports its violation', () => {
  mkdirSync(join(scratch, 'app'), { recursive: true });
  writeFileSync(
    join(scratch, 'app/Dockerfile'),
    'FROM node:20.20.2-bookworm-slim\nUSER node\nHEALTHCHECK CMD ["true"]\n',
  );
  const env = new Map([
    ['TAG', '1'],
    ['DB_PASSWORD', 'hunter2'],
    ['STALE', 'x'],
  ]);
  const file = load(
    [
      'services:',
      '  api:',
      '    build: {context: ., dockerfile: app/Dockerfile}',
      '    container_name: api',
      '    environment:',
      '      DATABASE_URL: mysql://app:literal@db:3306/x',
      '      ADMIN_API_KEYS: abc',
      '      LOG_LEVL: debug',
      '    depends_on:',
      '      db: {condition: service_healthy}',
      '      migrate: {condition: service_completed_successfully}',
      '      ghost: {condition: service_started}',
      '  migrate:',
      '    image: busybox:${TAG}',
      '    restart: always',
      '  db:',
      '    image: mysql:latest',
      '    environment:',
      '      MYSQL_PASSWORD: ${DB_PASSWORD:-}',
      '      OTHER: ${UNDECLARED}',
      '    volumes: [dbdata:/var/lib/mysql, ./missing:/init:ro]',
      '  worker:',
      '    image: busybox:1.36',
      '    ports: ["8080:8080"]',
    ].join('\n'),
    env,
  );
  const problems = checkComposeRules([file], context(env));
  const expectations = [
    /api sets container_name/,
    /api depends_on "ghost", which is not a service/,
    /waits for "migrate" to complete, but migrate has restart: always/,
    /waits for "db" to be healthy, but db has no health check/,
    /worker publishes ports/,
    /volume "dbdata", which is not declared/,
    /bind-mounts \.\/missing/,
    /image "mysql:latest" is not pinned/,
    /environment ADMIN_API_KEYS holds a literal value/,
    /DATABASE_URL embeds a literal password/,
    /sets LOG_LEVL, which the apps never read/,
    /\$\{DB_PASSWORD\} must be required/,
    /\$\{UNDECLARED\} is used by the compose files but missing from \.env\.example/,
    /\.env\.example declares STALE, which no compose file uses/,
    /\.env\.example must leave the secret DB_PASSWORD empty/,
  ];
  for (const expected of expectations) {
    assert.ok(
      problems.some((p) => expected.test(p)),
      `expected ${expected}, got:\n${problems.join('\n')}`,
    );
  }
  assert.equal(problems.length, expectations.length, problems.join('\n'));
});
