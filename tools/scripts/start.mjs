#!/usr/bin/env node
// `npm start`: the quick start on the embedded default (sqlite in ./data, MLflow file store in ./mlruns).
// Builds the apps, migrates, runs the KPI-gated pipeline on the bundled demo corpus when no model has been
// promoted yet, then serves the champion through the API (Swagger UI at /docs).
import { spawnSync, spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

function step(title, command, args, options = {}) {
  process.stderr.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: options.stdio ?? 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`✖ ${title} failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const cli = (args) => [join(root, 'dist/apps/worker/cli.js'), ...args];

step('building the apps', join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--outputStyle=static'], {
  stdio: ['ignore', 2, 2],
});
step('migrating the database', process.execPath, cli(['migrate']), { stdio: ['ignore', 'pipe', 'inherit'] });

const models = spawnSync(process.execPath, cli(['models']), { cwd: root, env, encoding: 'utf8' });
const champion = models.status === 0 ? JSON.parse(models.stdout.trim().split('\n').pop()).champion : null;
if (champion && process.env.TOPICOPS_RETRAIN !== 'true') {
  process.stderr.write(`\n▶ version ${champion} is the champion already (TOPICOPS_RETRAIN=true trains again)\n`);
} else {
  const out = step(
    'running the pipeline on the demo corpus (fixtures/demo-corpus)',
    process.execPath,
    cli([
      'pipeline',
      '--source', 'fixtures/demo-corpus',
      '--corpus', 'demo',
      '--publications', 'fixtures/demo-publications.csv',
      '--stopwords', 'fixtures/stopwords/chroniclitaly-stopwords.csv',
    ]),
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stderr.write(`${out.trim().split('\n').pop()}\n`);
}

process.stderr.write(`\n▶ serving the champion: http://localhost:${process.env.PORT ?? 3000}/docs\n`);
const api = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/apps/api/main.js')], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
