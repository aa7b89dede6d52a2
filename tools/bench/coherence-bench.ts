// Benchmarks @topicops/coherence against gensim 4.2's CoherenceModel (tools/bench/coherence_peer.py).
//
//   node -r @swc-node/register tools/bench/coherence-bench.ts [--replicate 10] [--repeats 3]
//        [--measures c_v] [--topn 10,20] [--no-peer] [--keep]
//
// Inputs: the reference fixture (526 ChroniclItaly texts, 8 LDA topics) and the same texts repeated
// --replicate times. Each is exported to a temp folder as texts.jsonl + topics.json; both sides load
// the texts into memory before timing. Reports the median of --repeats runs and gensim/ours.
import './coherence-workspace-paths';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { CoherenceMeasure, computeCoherence, runCoherenceCommand } from '@topicops/coherence';

interface PeerRun {
  measure: CoherenceMeasure;
  topn: number;
  seconds: number[];
  median: number;
  per_topic: number[];
}
interface PeerReport {
  dictionary_seconds: number;
  processes: number;
  texts: number;
  runs: PeerRun[];
}
interface Row {
  input: string;
  measure: CoherenceMeasure;
  topn: number;
  oursInMemory: number;
  oursCli: number;
  gensim?: number;
  maxDifference?: number;
}

const workspaceRoot = join(__dirname, '..', '..');
const { values: flags } = parseArgs({
  options: {
    replicate: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '3' },
    measures: { type: 'string', default: 'c_v' },
    topn: { type: 'string', default: '10,20' },
    'no-peer': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const replicate = Number(flags.replicate);
const repeats = Number(flags.repeats);
const measures = flags.measures.split(',') as CoherenceMeasure[];
const topns = flags.topn.split(',').map(Number);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeRuns<T>(run: () => T): { seconds: number; result: T } {
  const seconds: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    result = run();
    seconds.push((performance.now() - started) / 1000);
  }
  return { seconds: median(seconds), result: result as T };
}

async function timeCli(dir: string, measure: CoherenceMeasure, topn: number): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const summary = await runCoherenceCommand({ texts: join(dir, 'texts.jsonl'), topics: join(dir, 'topics.json'), measure, topn });
    seconds.push(summary.seconds);
  }
  return median(seconds);
}

function exportInput(name: string, topics: string[][], texts: string[][], copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), `topicops-coherence-bench-${name}-`));
  const lines = texts.map((tokens) => JSON.stringify(tokens)).join('\n') + '\n';
  writeFileSync(join(dir, 'texts.jsonl'), lines.repeat(copies));
  writeFileSync(join(dir, 'topics.json'), JSON.stringify(topics));
  return dir;
}

function loadTexts(dir: string): string[][] {
  return readFileSync(join(dir, 'texts.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as string[]);
}

function runPeer(dir: string): PeerReport {
  const peer = spawnSync(
    '/usr/bin/python3',
    [join(__dirname, 'coherence_peer.py'), '--dir', dir, '--measures', ...measures, '--topn', ...topns.map(String), '--repeats', String(repeats)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (peer.status !== 0) throw new Error(`coherence_peer.py failed (exit ${peer.status}):\n${peer.stderr}`);
  return JSON.parse(peer.stdout.trim().split('\n').pop() ?? '') as PeerReport;
}

async function main(): Promise<void> {
  const reference = JSON.parse(gunzipSync(readFileSync(join(workspaceRoot, 'fixtures/reference/coherence.json.gz'))).toString('utf8')) as {
    topics: string[][];
    texts: string[][];
  };
  const inputs = [
    { name: 'reference', copies: 1 },
    { name: `x${replicate}`, copies: replicate },
  ];
  const rows: Row[] = [];
  const folders: string[] = [];
  try {
    for (const input of inputs) {
      const dir = exportInput(input.name, reference.topics, reference.texts, input.copies);
      folders.push(dir);
      const texts = loadTexts(dir);
      const tokens = texts.reduce((sum, text) => sum + text.length, 0);
      console.error(`${input.name}: ${texts.length} texts, ${tokens} tokens, ${reference.topics.length} topics (${dir})`);
      const peer = flags['no-peer'] ? undefined : runPeer(dir);
      if (peer) console.error(`  gensim: Dictionary built in ${peer.dictionary_seconds.toFixed(2)} s (not timed), processes=${peer.processes}`);
      for (const measure of measures) {
        for (const topn of topns) {
          const ours = timeRuns(() => computeCoherence(reference.topics, texts, { measure, topn }));
          const oursCli = await timeCli(dir, measure, topn);
          const peerRun = peer?.runs.find((run) => run.measure === measure && run.topn === topn);
          rows.push({
            input: input.name,
            measure,
            topn,
            oursInMemory: ours.seconds,
            oursCli,
            gensim: peerRun?.median,
            maxDifference: peerRun && Math.max(...peerRun.per_topic.map((value, t) => Math.abs(value - ours.result.perTopic[t]))),
          });
        }
      }
    }
  } finally {
    if (!flags.keep) folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  }
  console.log(`median of ${repeats} runs, seconds (ours in memory | ours CLI incl. JSONL parsing | gensim CoherenceModel)`);
  for (const row of rows) {
    const ratio = row.gensim === undefined ? '' : `  gensim/ours ${(row.gensim / row.oursInMemory).toFixed(1)}x (CLI ${(row.gensim / row.oursCli).toFixed(1)}x)`;
    const gensim = row.gensim === undefined ? '-' : row.gensim.toFixed(3);
    const difference = row.maxDifference === undefined ? '' : `  max |diff| ${row.maxDifference.toExponential(1)}`;
    console.log(
      `${row.input.padEnd(9)} ${row.measure}@${row.topn}: ours ${row.oursInMemory.toFixed(3)} | cli ${row.oursCli.toFixed(3)} | gensim ${gensim}${ratio}${difference}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
