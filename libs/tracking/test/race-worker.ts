// Child process for file-store-concurrency.spec.ts: races other processes on one file store.
// Usage: node -r @swc-node/register race-worker.ts <root> <versions> <start at, epoch ms>
import { createTrackingClient } from '../src/create-client';

async function main(): Promise<void> {
  const [root = '', count = '1', startAt = '0'] = process.argv.slice(2);
  // Every worker starts at the same instant, so their writes really overlap.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const client = createTrackingClient(root);
  const experimentId = await client.getOrCreateExperiment('race');
  await client.ensureRegisteredModel('racer');
  const run = await client.createRun({ experimentId });
  const versions: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    versions.push((await client.createModelVersion('racer', `runs:/${run.runId}/model`, run.runId)).version);
  }
  process.stdout.write(`${JSON.stringify({ experimentId, versions })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
