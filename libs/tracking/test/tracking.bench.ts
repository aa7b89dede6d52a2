// Benchmark of both backends (file store, and REST against the in-process fake server).
// Usage: node -r @swc-node/register libs/tracking/test/tracking.bench.ts [repeats=3]
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTrackingClient } from '../src/create-client';
import { topicModelSignature, writeMlModelFile } from '../src/mlmodel';
import { startFakeMlflowServer } from '../src/testing';
import { TrackingClient } from '../src/types';

type Results = Record<string, number>;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function scenario(label: string, client: TrackingClient, work: string): Promise<Results> {
  const experimentId = await client.getOrCreateExperiment(`bench-${label}`);
  const results: Results = {};
  const big = await client.createRun({ experimentId });
  const metrics = Array.from({ length: 10_000 }, (_, i) => ({
    key: `m${i % 10}`,
    value: Math.sin(i),
    step: Math.floor(i / 10),
    timestamp: 1_700_000_000_000 + i,
  }));
  results['logBatch 10k metrics (ms)'] = await time(() => client.logBatch(big.runId, { metrics }));

  const runs = 50;
  const lifecycle = await time(async () => {
    for (let r = 0; r < runs; r++) {
      const run = await client.createRun({ experimentId, runName: `r${r}` });
      const params = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, r * i]));
      await client.logBatch(run.runId, {
        params,
        metrics: [{ key: 'c_v', value: r / runs }],
        tags: { phase: 'bench' },
      });
      await client.updateRun(run.runId, 'FINISHED');
    }
  });
  results['run lifecycle (ms/run)'] = lifecycle / runs;
  results['searchRuns filter+order over 51 runs (ms)'] = await time(() =>
    client.searchRuns({ experimentIds: [experimentId], filter: 'metrics.c_v > 0.5', orderBy: ['metrics.c_v DESC'] }),
  );

  const modelDir = join(work, `model-${label}`);
  await fs.mkdir(modelDir, { recursive: true });
  await fs.writeFile(join(modelDir, 'lambda.f32'), Buffer.alloc(20 * 1024 * 1024, 7));
  await writeMlModelFile(modelDir, {
    artifactPath: 'model',
    runId: big.runId,
    flavor: 'topicops_lda',
    signature: topicModelSignature(50),
  });
  let source = '';
  const upload = await time(async () => {
    source = await client.logModel(big.runId, modelDir, 'model');
  });
  results['logModel 20 MB (MB/s)'] = 20 / (upload / 1000);
  await client.ensureRegisteredModel('bench');
  const versions = 20;
  results['createModelVersion (ms/version)'] =
    (await time(async () => {
      for (let v = 0; v < versions; v++) await client.createModelVersion('bench', source, big.runId);
    })) / versions;
  const download = await time(() => client.downloadModelVersion('bench', 1, join(work, `download-${label}`)));
  results['downloadModelVersion 20 MB (MB/s)'] = 20 / (download / 1000);
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 3);
  const all: Record<string, number[]> = {};
  for (let i = 0; i < repeats; i++) {
    const work = mkdtempSync(join(tmpdir(), 'tracking-bench-'));
    const server = await startFakeMlflowServer();
    try {
      const file = await scenario('file', createTrackingClient(join(work, 'mlruns')), work);
      const rest = await scenario('rest', createTrackingClient(server.url), work);
      for (const [key, value] of Object.entries(file)) (all[`file  ${key}`] ??= []).push(value);
      for (const [key, value] of Object.entries(rest)) (all[`rest  ${key}`] ??= []).push(value);
    } finally {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    }
  }
  for (const [key, values] of Object.entries(all)) {
    process.stdout.write(
      `${key.padEnd(52)} median ${median(values).toFixed(1).padStart(8)}   runs ${values.map((v) => v.toFixed(1)).join(', ')}\n`,
    );
  }
}

void main();
