// @ts-check
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { isIgnored, parseDockerignore, readDockerignore } from '../lib/dockerignore.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('a bare pattern matches at the context root only, as Docker does', () => {
  const rules = parseDockerignore('*.log\ndist\n');
  assert.equal(isIgnored(rules, 'build.log'), true);
  assert.equal(isIgnored(rules, 'apps/api/build.log'), false);
  assert.equal(isIgnored(rules, 'dist/apps/api/main.js'), true, 'a matched directory excludes its contents');
  assert.equal(isIgnored(rules, 'apps/dist/x.js'), false);
});

test('** spans directories and the last matching rule wins', () => {
  const rules = parseDockerignore('**/node_modules\ndocs\n!docs/keep.md\n# comment\n\n');
  assert.equal(isIgnored(rules, 'node_modules/a/index.js'), true);
  assert.equal(isIgnored(rules, 'libs/x/node_modules/a.js'), true);
  assert.equal(isIgnored(rules, 'docs/deploy.md'), true);
  assert.equal(isIgnored(rules, 'docs/keep.md'), false);
});

test("the repository's .dockerignore keeps what docker/Dockerfile copies", () => {
  const rules = readDockerignore(join(root, '.dockerignore'));
  for (const kept of [
    'package.json',
    'docker/entrypoint.sh',
    'docker/healthcheck.mjs',
    'tools/ci/runtime-manifest.mjs',
    'fixtures/demo-corpus',
    'fixtures/stopwords/chroniclitaly-stopwords.csv',
    'apps/api/src/main.ts',
  ]) {
    assert.equal(isIgnored(rules, kept), false, kept);
  }
  for (const dropped of [
    'node_modules/x',
    'libs/nlp/node_modules/y',
    '.env',
    '.git/config',
    'dist/apps/api/main.js',
    'fixtures/reference/coherence.json.gz',
  ]) {
    assert.equal(isIgnored(rules, dropped), true, dropped);
  }
});
