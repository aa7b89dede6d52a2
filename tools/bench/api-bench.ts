// Prediction API throughput and latency, side by side with the FastAPI + gensim peer (fastapi_peer.py).
//   node -r @swc-node/register tools/bench/api-bench.ts [--model direct|pipeline|random] [--workers 2]
//        [--connections 50] [--duration 10] [--runs 3] [--words 300] [--topics 20] [--log-level info]
//        [--batch-size 64] [--no-peer] [--profile DIR]
// It trains a K-topic model on fixtures/demo-corpus (sqlite + file store in a temp folder), serves it with
// createApiApp in cluster workers, exports the same λ, α, η, vocabulary and stopwords for the peer, and runs
// autocannon against both (single ~300-word documents, then the batch endpoint). Prints each run, the
// medians and one JSON line. Needs a quiet machine.
import '../scripts/migration-swc-register';
import cluster from 'node:cluster';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig, createLogger, loadConfig } from '../../libs/config/src/index';
import { LdaModel, inMemoryCorpus, trainLda } from '../../libs/lda/src/index';
import { Dictionary, Phrases, Tokenizer, defaultPreprocessingConfig, isoStopwords, readStopwordFile } from '../../libs/nlp/src/index';
import { topicModelSignature, writeMlModelFile } from '../../libs/tracking/src/index';
import {
  CHAMPION_ALIAS,
  ModelBundle,
  loadModelVersionBundle,
  openStageContext,
  runIngest,
  runPreprocess,
  runTrain,
  trackingClientFor,
} from '../../libs/pipeline/src/index';
import { createDataSource, runMigrations } from '../../libs/corpus/src/index';
import { createApiApp } from '../../apps/api/src/app/create-api-app';

interface LatencyStats {
  p50: number;
  p99: number;
  average: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: LatencyStats;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const autocannon = createRequire(__filename)('autocannon') as Autocannon;
const root = join(__dirname, '..', '..');
const fixtures = join(root, 'fixtures');

interface Args {
  workers: number;
  connections: number;
  duration: number;
  runs: number;
  words: number;
  topics: number;
  logLevel: string;
  batchSize: number;
  peer: boolean;
  /** How the served model is made (see pipelineChampion and libraryChampion). */
  model: 'direct' | 'pipeline' | 'random';
  /** Write V8 CPU profiles of the API workers here (--cpu-prof). */
  profileDir: string | null;
  port: number;
  peerPort: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    workers: 2,
    connections: 50,
    duration: 10,
    runs: 3,
    words: 300,
    topics: 20,
    logLevel: 'info',
    batchSize: 64,
    peer: true,
    model: 'direct',
    profileDir: null,
    port: 3901,
    peerPort: 3902,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--no-peer') {
      args.peer = false;
      continue;
    }
    const value = argv[++i];
    switch (flag) {
      case '--workers': args.workers = Number(value); break;
      case '--connections': args.connections = Number(value); break;
      case '--duration': args.duration = Number(value); break;
      case '--runs': args.runs = Number(value); break;
      case '--words': args.words = Number(value); break;
      case '--topics': args.topics = Number(value); break;
      case '--log-level': args.logLevel = value; break;
      case '--batch-size': args.batchSize = Number(value); break;
      case '--model':
        if (value !== 'direct' && value !== 'pipeline' && value !== 'random') throw new Error('--model is direct, pipeline or random');
        args.model = value;
        break;
      case '--profile': args.profileDir = value; break;
      case '--port': args.port = Number(value); break;
      case '--peer-port': args.peerPort = Number(value); break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  return args;
}

function benchConfig(dir: string, args: Args): AppConfig {
  return loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    TRACKING_URI: join(dir, 'mlruns'),
    LOG_LEVEL: args.logLevel,
    PORT: String(args.port),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    MAX_BATCH_TEXTS: String(Math.max(256, args.batchSize)),
    MODEL_POLL_SECONDS: '30',
  });
}

/** pipeline: the ingest → preprocess → train stages on the demo corpus (sqlite + file store), then champion. */
async function pipelineChampion(config: AppConfig, topics: number): Promise<string> {
  const logger = createLogger({ name: 'api-bench', level: 'warn', stream: 'stderr' });
  const ctx = await openStageContext(config, { logger, migrate: true });
  try {
    await runIngest(ctx, { source: join(fixtures, 'demo-corpus'), corpus: 'demo', publications: join(fixtures, 'demo-publications.csv') });
    await runPreprocess(ctx, { corpus: 'demo', stopwordsFile: join(fixtures, 'stopwords', 'chroniclitaly-stopwords.csv') });
    const trained = await runTrain(ctx, { corpus: 'demo', topics, lda: { passes: TRAINING_PASSES, randomState: 1 } });
    await ctx.tracking.setAlias(config.modelName, CHAMPION_ALIAS, trained.model_version);
    return trained.model_version;
  } finally {
    await ctx.close();
  }
}

const TRAINING_PASSES = 10;

function demoTexts(): string[] {
  const texts: string[] = [];
  for (const dir of readdirSync(join(fixtures, 'demo-corpus'))) {
    for (const file of readdirSync(join(fixtures, 'demo-corpus', dir))) texts.push(readFileSync(join(fixtures, 'demo-corpus', dir, file), 'utf8'));
  }
  return texts;
}

/**
 * direct / random: the pipeline's default pre-processing of the demo corpus (tokeniser, learned phrases,
 * filtered dictionary) done with the nlp lib, then λ trained with trainLda (direct) or drawn at random
 * (random: documents then rarely converge, the worst case for inference). Registered and made champion.
 */
async function libraryChampion(config: AppConfig, topics: number, dir: string, trained: boolean): Promise<string> {
  const ds = createDataSource(config.database);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const preprocessing = defaultPreprocessingConfig({ customStopwords: readStopwordFile(join(fixtures, 'stopwords', 'chroniclitaly-stopwords.csv')) });
  const tokenizer = new Tokenizer(preprocessing);
  let tokens = demoTexts().map((text) => tokenizer.tokenize(text));
  const phrases = preprocessing.phrases ? [Phrases.learn(tokens, preprocessing.phrases)] : [];
  for (const layer of phrases) tokens = tokens.map((doc) => layer.apply(doc));
  const dictionary = new Dictionary();
  dictionary.addDocuments(tokens);
  dictionary.filterExtremes(preprocessing.dictionary.noBelow, preprocessing.dictionary.noAbove, preprocessing.dictionary.keepN);
  const numTerms = dictionary.id2token.length;
  let model: LdaModel;
  if (trained) {
    const corpus = inMemoryCorpus(tokens.map((doc) => dictionary.doc2bow(doc)));
    model = await trainLda(corpus, { numTopics: topics, numTerms, passes: TRAINING_PASSES, randomState: 1 });
  } else {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const lambda = Float32Array.from({ length: topics * numTerms }, () => 0.05 + 50 * random() ** 8);
    model = new LdaModel({ numTopics: topics, numTerms, alpha: new Array(topics).fill(1 / topics), eta: 1 / topics, lambda });
  }
  const tracking = trackingClientFor(config);
  const experimentId = await tracking.getOrCreateExperiment('api-bench');
  const run = await tracking.createRun({ experimentId, runName: trained ? 'trained' : 'random-lambda' });
  const modelDir = join(dir, 'model-src');
  await model.save(modelDir);
  await ModelBundle.writeSidecars(modelDir, {
    info: {
      name: config.modelName, version: null, run_id: run.runId, num_topics: topics, num_terms: numTerms,
      trained_at: new Date().toISOString(), corpus: 'demo', corpus_digest: '', preprocessing_version: 1,
      params: { passes: trained ? TRAINING_PASSES : 0 }, kpi: { c_v: null },
    },
    preprocessing,
    dictionary,
    phrases,
  });
  await writeMlModelFile(modelDir, { artifactPath: 'model', runId: run.runId, flavor: 'topicops_lda', signature: topicModelSignature(topics) });
  await tracking.logArtifacts(run.runId, modelDir, 'model');
  await tracking.ensureRegisteredModel(config.modelName);
  const version = await tracking.createModelVersion(config.modelName, `${run.artifactUri.replace(/\/$/, '')}/model`, run.runId);
  await tracking.setAlias(config.modelName, CHAMPION_ALIAS, version.version);
  return version.version;
}

/** The same model for the peer: λ, α, η, vocabulary and the stopwords the pre-processing drops. */
async function exportPeerModel(config: AppConfig, version: string, dir: string): Promise<{ numTerms: number }> {
  const bundle = await loadModelVersionBundle(trackingClientFor(config), config.modelName, version, join(dir, 'cache'));
  const peerDir = join(dir, 'peer');
  mkdirSync(peerDir, { recursive: true });
  const { model, preprocessing, dictionary } = bundle;
  writeFileSync(join(peerDir, 'lambda.f32'), Buffer.from(model.lambda.buffer, model.lambda.byteOffset, model.lambda.byteLength));
  writeFileSync(join(peerDir, 'meta.json'), JSON.stringify({ alpha: Array.from(model.alpha), eta: Array.from(model.eta) }));
  writeFileSync(join(peerDir, 'vocab.json'), JSON.stringify(dictionary.id2token));
  const stopwords = [...preprocessing.stopwordLanguages.flatMap((code) => isoStopwords(code)), ...preprocessing.customStopwords];
  writeFileSync(join(peerDir, 'stopwords.json'), JSON.stringify(stopwords));
  return { numTerms: model.numTerms };
}

/** Distinct `words`-word windows of the demo corpus, as request bodies. */
function documentWindows(words: number, count: number): string[] {
  const texts: string[] = [];
  const dirs = readdirSync(join(fixtures, 'demo-corpus'));
  outer: for (const dir of dirs) {
    for (const file of readdirSync(join(fixtures, 'demo-corpus', dir))) {
      const tokens = readFileSync(join(fixtures, 'demo-corpus', dir, file), 'utf8').split(/\s+/).filter(Boolean);
      for (let start = 0; start + words <= tokens.length && texts.length < count; start += words * 3) {
        texts.push(tokens.slice(start, start + words).join(' '));
      }
      if (texts.length >= count) break outer;
    }
  }
  return texts;
}

async function waitUntil(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
    await sleep(250);
  }
}

interface RunFigures {
  reqPerSec: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time of the server's processes per answered request (ms): unlike req/s, hardly moved by other load. */
  cpuMsPerRequest: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** utime + stime of processes and all their descendants, in clock ticks (Linux /proc). */
function cpuTicks(rootPids: number[]): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const pending = [...rootPids];
  while (pending.length) {
    const pid = pending.pop() as number;
    total += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return total;
}

async function load(url: string, bodies: string[], connections: number, duration: number, serverPids: number[]): Promise<RunFigures> {
  const ticksBefore = cpuTicks(serverPids);
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: bodies.map((body) => ({ method: 'POST', path: '/v1/predictions', headers: { 'content-type': 'application/json' }, body })),
  });
  const cpuMs = ((cpuTicks(serverPids) - ticksBefore) * 1000) / CLOCK_TICKS_PER_SECOND;
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
  };
}

function round3(value: number): number {
  return Number(value.toFixed(3));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarise(runs: RunFigures[]): RunFigures {
  return {
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
    cpuMsPerRequest: median(runs.map((r) => r.cpuMsPerRequest)),
  };
}

interface Target {
  label: string;
  url: string;
  bodies: string[];
  connections: number;
  /** The server's processes: their CPU time and their children's is measured. */
  pids: number[];
}

/**
 * Warms every target up, then runs them in turn, round after round, so that a change in the machine's
 * background load hits all of them alike; returns the median figures of each.
 */
async function measureInTurn(targets: Target[], args: Args): Promise<RunFigures[]> {
  for (const target of targets) await load(target.url, target.bodies, target.connections, 3, target.pids); // JIT, caches, connections
  const runs: RunFigures[][] = targets.map(() => []);
  for (let round = 0; round < args.runs; round += 1) {
    for (const [i, target] of targets.entries()) {
      const run = await load(target.url, target.bodies, target.connections, args.duration, target.pids);
      process.stderr.write(
        `${target.label} run ${round + 1}: ${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ` +
          `${run.cpuMsPerRequest.toFixed(3)} CPU ms/request, failures ${run.failures}\n`,
      );
      runs[i].push(run);
    }
  }
  return runs.map(summarise);
}

function startPeer(modelDir: string, port: number): ChildProcess {
  return spawn('/usr/bin/python3', [join(__dirname, 'fastapi_peer.py'), '--model-dir', modelDir, '--port', String(port), '--workers', '2'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {});
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (!worker) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}

async function primary(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'topicops-api-bench-'));
  let peer: ChildProcess | null = null;
  try {
    process.stderr.write(`preparing a ${args.topics}-topic ${args.model} model on the demo corpus…\n`);
    const { numTerms } = await prepareInChild(dir, args);
    const singles = documentWindows(args.words, 64).map((text) => JSON.stringify({ text }));
    const batchTexts = documentWindows(args.words, args.batchSize);
    const batch = [JSON.stringify({ texts: batchTexts })];

    const profiling = args.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${args.profileDir}`] : [];
    // Workers log to a file: a pipe drained by this (busy) load-generating process would throttle them.
    const log = openSync(join(dir, 'api.log'), 'a');
    cluster.setupPrimary({ execArgv: [...process.execArgv, ...profiling], stdio: ['ignore', log, log, 'ipc'] });
    for (let i = 0; i < args.workers; i += 1) cluster.fork({ API_BENCH_DIR: dir, API_BENCH_ARGS: JSON.stringify(args) });
    closeSync(log);
    const apiUrl = `http://127.0.0.1:${args.port}`;
    await waitUntil(`${apiUrl}/health/ready`, 60_000);
    const apiPids = Object.values(cluster.workers ?? {}).flatMap((worker) => (worker?.process.pid ? [worker.process.pid] : []));
    const targets: Target[] = [
      { label: 'api single', url: apiUrl, bodies: singles, connections: args.connections, pids: apiPids },
      { label: 'api batch', url: apiUrl, bodies: batch, connections: 4, pids: apiPids },
    ];
    if (args.peer) {
      peer = startPeer(join(dir, 'peer'), args.peerPort);
      const peerUrl = `http://127.0.0.1:${args.peerPort}`;
      await waitUntil(`${peerUrl}/docs`, 60_000);
      targets.push({ label: 'peer single', url: peerUrl, bodies: singles, connections: args.connections, pids: [peer.pid as number] });
    }
    const [api, apiBatch, peerFigures = null] = await measureInTurn(targets, args);

    const summary = {
      topics: args.topics,
      terms: numTerms,
      words: args.words,
      connections: args.connections,
      workers: args.workers,
      model: args.model,
      log_level: args.logLevel,
      runs: args.runs,
      duration_s: args.duration,
      load_average: loadavg().map((value) => Number(value.toFixed(2))),
      api: { req_per_s: Math.round(api.reqPerSec), p50_ms: api.p50, p99_ms: api.p99, cpu_ms_per_request: round3(api.cpuMsPerRequest), failures: api.failures },
      api_batch: {
        texts_per_request: args.batchSize,
        docs_per_s: Math.round(apiBatch.reqPerSec * args.batchSize),
        p99_ms: apiBatch.p99,
        failures: apiBatch.failures,
      },
      peer: peerFigures
        ? {
            req_per_s: Math.round(peerFigures.reqPerSec),
            p50_ms: peerFigures.p50,
            p99_ms: peerFigures.p99,
            cpu_ms_per_request: round3(peerFigures.cpuMsPerRequest),
            failures: peerFigures.failures,
          }
        : null,
      speedup: peerFigures ? Number((api.reqPerSec / peerFigures.reqPerSec).toFixed(2)) : null,
      cpu_efficiency: peerFigures ? Number((peerFigures.cpuMsPerRequest / api.cpuMsPerRequest).toFixed(2)) : null,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    if (peer) await stopChild(peer);
    await stopWorkers();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Training runs in a child process, so that this process, the load generator, carries no trained-model
 * garbage or tfjs threads into the measurements.
 */
function prepareInChild(dir: string, args: Args): Promise<{ numTerms: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, process.argv.slice(2), {
      execArgv: process.execArgv,
      env: { ...process.env, API_BENCH_ROLE: 'prepare', API_BENCH_DIR: dir },
    });
    child.once('message', (message) => resolve(message as { numTerms: number }));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`model preparation failed (exit ${code})`))));
  });
}

async function prepare(): Promise<void> {
  const dir = process.env['API_BENCH_DIR'] as string;
  const args = parseArgs(process.argv.slice(2));
  const config = benchConfig(dir, args);
  const version =
    args.model === 'pipeline' ? await pipelineChampion(config, args.topics) : await libraryChampion(config, args.topics, dir, args.model === 'direct');
  const prepared = await exportPeerModel(config, version, dir);
  process.send?.(prepared, () => process.exit(0));
}

async function worker(): Promise<void> {
  const dir = process.env['API_BENCH_DIR'] as string;
  const args = JSON.parse(process.env['API_BENCH_ARGS'] as string) as Args;
  const config = benchConfig(dir, args);
  const app = await createApiApp(config, { apiEnv: { modelCacheDir: join(dir, 'cache') } });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
}

if (process.env['API_BENCH_ROLE'] === 'prepare') {
  prepare().catch((error: unknown) => {
    process.stderr.write(`api-bench preparation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
} else if (cluster.isPrimary) {
  primary().catch((error: unknown) => {
    process.stderr.write(`api-bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  worker().catch((error: unknown) => {
    process.stderr.write(`api-bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
