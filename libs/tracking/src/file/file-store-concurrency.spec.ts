import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createTrackingClient } from '../create-client';

const run = promisify(execFile);
const WORKER = join(__dirname, '../../test/race-worker.ts');

function experimentsNamed(root: string, name: string): string[] {
  return readdirSync(root).filter((folder) => {
    try {
      return (parse(readFileSync(join(root, folder, 'meta.yaml'), 'utf8')) as { name?: string }).name === name;
    } catch {
      return false;
    }
  });
}

describe('file store under concurrent writers', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'tracking-race-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('gives every concurrent getOrCreateExperiment the same single experiment', async () => {
    const root = join(base, 'in-process');
    const clients = Array.from({ length: 8 }, () => createTrackingClient(root));
    const ids = await Promise.all(clients.map((client) => client.getOrCreateExperiment('shared')));
    expect(new Set(ids).size).toBe(1);
    expect(experimentsNamed(root, 'shared')).toEqual([ids[0]]);
  });

  it('allocates distinct, gap-free version numbers to concurrent createModelVersion calls', async () => {
    const root = join(base, 'versions');
    const clients = Array.from({ length: 4 }, () => createTrackingClient(root));
    const first = clients[0];
    if (!first) throw new Error('no client');
    const experimentId = await first.getOrCreateExperiment('versions');
    const runInfo = await first.createRun({ experimentId });
    await Promise.all(clients.map((client) => client.ensureRegisteredModel('lda')));
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        clients[i % clients.length]?.createModelVersion('lda', `runs:/${runInfo.runId}/model`, runInfo.runId),
      ),
    );
    const versions = created.map((version) => Number(version?.version)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(readdirSync(join(root, 'models', 'lda')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('stays consistent when separate processes race on one store', async () => {
    const root = join(base, 'processes');
    const startAt = String(Date.now() + 1500);
    const outputs = await Promise.all(
      Array.from({ length: 3 }, () =>
        run(process.execPath, ['-r', '@swc-node/register', WORKER, root, '4', startAt], {
          cwd: join(__dirname, '../../../..'),
        }),
      ),
    );
    const results = outputs.map((output) => JSON.parse(output.stdout) as { experimentId: string; versions: string[] });
    expect(new Set(results.map((result) => result.experimentId)).size).toBe(1);
    expect(experimentsNamed(root, 'race')).toHaveLength(1);
    const versions = results.flatMap((result) => result.versions.map(Number)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
