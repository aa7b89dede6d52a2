// @ts-check
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { checkDockerfilePolicy } from '../lib/dockerfile-rules.mjs';
import { parseDockerfile, resolveFrom } from '../lib/dockerfile-parse.mjs';
import { parseDockerignore, readDockerignore } from '../lib/dockerignore.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'dockerfile-rules-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("the repository's Dockerfiles pass the policy", () => {
  const app = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
  assert.deepEqual(
    checkDockerfilePolicy('docker/Dockerfile', app, {
      contextDir: root,
      ignoreRules: readDockerignore(join(root, '.dockerignore')),
    }),
    [],
  );
  const mlflow = readFileSync(join(root, 'docker/mlflow/Dockerfile'), 'utf8');
  assert.deepEqual(
    checkDockerfilePolicy('mlflow', mlflow, { contextDir: join(root, 'docker/mlflow'), ignoreRules: [] }),
    [],
  );
});

test('stages, continuation lines and ARG defaults are parsed', () => {
  const { globalArgs, stages } = parseDockerfile(
    'ARG BASE=node:20\nFROM ${BASE} AS build\nRUN a \\\n  # note\n  && b\nFROM build\nUSER 1000\n',
  );
  assert.equal(resolveFrom(stages[0].from, globalArgs), 'node:20');
  assert.equal(stages[0].name, 'build');
  assert.equal(stages[0].instructions[0].args, 'a && b');
  assert.equal(stages[1].instructions[0].line, 7);
});

test('each policy rule reports its violation', () => {
  writeFileSync(join(scratch, 'present.txt'), 'x');
  const text = [
    'FROM python:latest',
    'WORKDIR app',
    'RUN apt-get update',
    'RUN apt-get install curl',
    'RUN pip install requests && sudo true',
    'RUN npm install',
    'ADD https://example.com/x.tgz /x',
    'ADD present.txt /present.txt',
    'COPY missing.txt secret.env /app/',
    'CMD python app.py',
  ].join('\n');
  const problems = checkDockerfilePolicy('bad', text, {
    contextDir: scratch,
    ignoreRules: parseDockerignore('secret.env\n'),
  });
  const expectations = [
    /FROM python:latest is not pinned/,
    /WORKDIR must be absolute/,
    /apt-get update without install/,
    /apt-get install without -y/,
    /without --no-install-recommends/,
    /without removing \/var\/lib\/apt\/lists/,
    /pip install without --no-cache-dir/,
    /pip package requests is not pinned/,
    /sudo in RUN/,
    /use npm ci/,
    /ADD of a URL/,
    /use COPY, not ADD/,
    /COPY source missing\.txt does not exist/,
    /CMD must use the exec \(JSON\) form/,
    /must run as a non-root USER/,
    /no HEALTHCHECK/,
  ];
  for (const expected of expectations) {
    assert.ok(
      problems.some((p) => expected.test(p)),
      `expected ${expected}, got:\n${problems.join('\n')}`,
    );
  }
  // secret.env does not exist either: it is reported as missing, not as ignored.
  assert.equal(problems.length, expectations.length + 1, problems.join('\n'));
});
