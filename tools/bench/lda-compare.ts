// Benchmarks @topicops/lda (the built `bench-lda` command) against gensim 4.2 LdaModel and scikit-learn (via /work/shared/bench/peer_lda.py)
// on corpora made by lda-make-corpus.ts, and prints a Markdown table of medians over seeds. Quality of our
// model is scored by peer_lda.py eval (gensim's own evaluator). Besides wall-clock docs/s, it reports docs per
// CPU-second for ours and for gensim with one BLAS thread (lda_gensim_cpu.py), robust to other load.
//
//   node -r @swc-node/register tools/bench/lda-compare.ts --corpus /tmp/lda-bench/pages [--corpus ...]
//        [--topics 20,100] [--seeds 1,2,3] [--passes 5] [--threads 1,2] [--peers gensim,sklearn] [--json out.json]
//
// Every timed run waits (up to 10 min) for the 1-minute load average to fall under --max-load (default 1.0),
// since the machine is shared; the load at the start of each run is recorded.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const PEER = '/work/shared/bench/peer_lda.py';
const PYTHON = '/usr/bin/python3';
/** The product's own command (`npm run cli -- bench-lda`), built: `npx nx run worker:build`. */
const CLI = join(ROOT, 'dist', 'apps', 'worker', 'cli.js');

interface Quality {
  heldout_log_perplexity: number;
  u_mass: number;
  c_v?: number;
}
interface Run extends Partial<Quality> {
  impl: string;
  seed: number;
  docs_per_second: number;
  train_seconds: number;
  docs_per_cpu_second?: number;
  load: number;
  own_heldout_log_perplexity?: number;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function waitForQuiet(maxLoad: number): number {
  const deadline = Date.now() + 10 * 60_000;
  while (loadavg()[0] > maxLoad && Date.now() < deadline) sleep(5000);
  return loadavg()[0];
}

function runJson(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', multiple: true },
      topics: { type: 'string', default: '20,100' },
      seeds: { type: 'string', default: '1,2,3' },
      passes: { type: 'string', default: '5' },
      chunksize: { type: 'string', default: '2000' },
      iterations: { type: 'string', default: '50' },
      threads: { type: 'string', default: '1,2' },
      peers: { type: 'string', default: 'gensim,sklearn' },
      'max-load': { type: 'string', default: '1.0' },
      json: { type: 'string' },
    },
  });
  const maxLoad = Number(values['max-load']);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx nx run worker:build" first`);
  const common = [
    '--passes',
    values.passes ?? '5',
    '--chunksize',
    values.chunksize ?? '2000',
    '--iterations',
    values.iterations ?? '50',
  ];
  const all: Array<{ corpus: string; topics: number; runs: Run[] }> = [];
  for (const dir of values.corpus ?? []) {
    const files = ['--train', join(dir, 'train.mm'), '--heldout', join(dir, 'heldout.mm')];
    const texts = existsSync(join(dir, 'train-texts.jsonl'))
      ? ['--texts', join(dir, 'train-texts.jsonl'), '--vocab', join(dir, 'vocab.txt')]
      : [];
    for (const topics of (values.topics ?? '').split(',').map(Number)) {
      const runs: Run[] = [];
      for (const seed of (values.seeds ?? '').split(',').map(Number)) {
        // The same corpus and settings for ours and every peer.
        const sameTraining = [...files, '--topics', String(topics), ...common, '--seed', String(seed)];
        const lambda = join(tmpdir(), `lda-compare-${process.pid}-lambda.f32`);
        const alpha = join(tmpdir(), `lda-compare-${process.pid}-alpha.json`);
        for (const threads of (values.threads ?? '2').split(',')) {
          const load = waitForQuiet(maxLoad);
          const ours = runJson(process.execPath, [
            CLI,
            'bench-lda',
            ...sameTraining,
            '--threads',
            threads,
            '--lambda-out',
            lambda,
            '--alpha-out',
            alpha,
          ]);
          const scored = runJson(PYTHON, [PEER, 'eval', ...files, '--lambda', lambda, '--alpha', alpha, ...texts]);
          runs.push({
            ...(scored as unknown as Quality),
            impl: `ours (${String(ours['threads'])} thread${threads === '1' ? '' : 's'})`,
            seed,
            docs_per_second: Number(ours['docs_per_second']),
            train_seconds: Number(ours['train_seconds']),
            docs_per_cpu_second:
              (Number(values.passes) * Number(ours['train_documents'])) / Number(ours['train_cpu_seconds']),
            load,
            own_heldout_log_perplexity: Number(ours['heldout_log_perplexity']),
          });
        }
        for (const impl of (values.peers ?? '').split(',').filter(Boolean)) {
          const peerLoad = waitForQuiet(maxLoad);
          const peer = runJson(PYTHON, [PEER, 'train', ...sameTraining, '--impl', impl, ...texts]);
          runs.push({ ...(peer as unknown as Run), impl, seed, load: peerLoad });
        }
        const cpuLoad = waitForQuiet(maxLoad);
        const gensimCpu = runJson(PYTHON, [join(__dirname, 'lda_gensim_cpu.py'), ...sameTraining], {
          ...process.env,
          OPENBLAS_NUM_THREADS: '1',
        });
        runs.push({ ...(gensimCpu as unknown as Run), seed, load: cpuLoad });
        process.stderr.write(
          `${basename(dir)} K=${topics} seed=${seed}: ${runs
            .slice(-5)
            .map((r) => `${r.impl} ${r.docs_per_second} docs/s`)
            .join(', ')}\n`,
        );
      }
      all.push({ corpus: basename(dir), topics, runs });
    }
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2));
  const lines = [
    '| corpus | K | implementation | docs/s | × gensim | docs/CPU-s | × gensim (1 BLAS thread) | held-out bound | Δ vs gensim | c_v | Δ vs gensim | u_mass |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { corpus, topics, runs } of all) {
    const impls = [...new Set(runs.map((r) => r.impl))];
    const stat = (impl: string, key: keyof Run) =>
      median(runs.filter((r) => r.impl === impl).map((r) => Number(r[key])));
    const gensim = impls.includes('gensim') ? 'gensim' : undefined;
    const gensimCpu = 'gensim-1-blas-thread';
    const fixed = (value: number, digits: number) => (Number.isNaN(value) ? '' : value.toFixed(digits));
    for (const impl of impls) {
      const dps = stat(impl, 'docs_per_second');
      const cpu = stat(impl, 'docs_per_cpu_second');
      const bound = stat(impl, 'heldout_log_perplexity');
      const cv = stat(impl, 'c_v');
      const ratio = gensim ? fixed(dps / stat(gensim, 'docs_per_second'), 2) : '';
      const cpuRatio = fixed(cpu / stat(gensimCpu, 'docs_per_cpu_second'), 2);
      const dBound = gensim && impl !== gensim ? fixed(bound - stat(gensim, 'heldout_log_perplexity'), 3) : '';
      const dCv = gensim && impl !== gensim ? fixed(cv - stat(gensim, 'c_v'), 3) : '';
      lines.push(
        `| ${corpus} | ${topics} | ${impl} | ${dps.toFixed(0)} | ${ratio} | ${fixed(cpu, 0)} | ${cpuRatio} | ${fixed(bound, 3)} | ${dBound} | ${fixed(cv, 3)} | ${dCv} | ${fixed(stat(impl, 'u_mass'), 3)} |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
