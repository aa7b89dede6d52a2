// @ts-check
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parseEnvInstruction } from '../compose-env.mjs';

const script = fileURLToPath(new URL('../compose-env.mjs', import.meta.url));

test('ENV instructions: several pairs, quoted values', () => {
  assert.deepEqual(parseEnvInstruction('NODE_ENV=production PORT=3000 GREETING="hello world" EMPTY='), [
    ['NODE_ENV', 'production'],
    ['PORT', '3000'],
    ['GREETING', 'hello world'],
    ['EMPTY', ''],
  ]);
});

test("a service's container environment: image ENV, then compose values, secrets generated", () => {
  const result = spawnSync(process.execPath, [script, 'api'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const env = Object.fromEntries(
    result.stdout
      .trim()
      .split('\n')
      .map((line) => {
        const match = /^export ([A-Z_]+)='(.*)'$/.exec(line);
        assert.ok(match, line);
        return [match[1], match[2]];
      }),
  );
  assert.equal(env.NODE_ENV, 'production', 'from the Dockerfile');
  assert.equal(env.TRACKING_URI, 'http://mlflow:5000', 'compose overrides the image default');
  assert.match(env.DATABASE_URL, /^mysql:\/\/topicops:[0-9a-f]{24}@mysql:3306\/topicops$/);
  assert.match(env.PREDICT_API_KEYS, /^[0-9a-f]{24}$/);
  assert.equal(env.CORS_ORIGINS, '');
  assert.equal(spawnSync(process.execPath, [script, 'nope']).status, 2);
});
