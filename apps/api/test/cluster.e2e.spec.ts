import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PORT = 39_000 + (process.pid % 1000);
const url = (path: string) => `http://127.0.0.1:${PORT}${path}`;

async function get(path: string): Promise<string> {
  const res = await fetch(url(path));
  return res.text();
}

describe('cluster mode: workers sharing the port, metrics aggregated by the primary', () => {
  let primary: ChildProcess;

  beforeAll(async () => {
    primary = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'support', 'cluster-harness.ts')], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, HARNESS_PORT: String(PORT) },
      stdio: 'inherit',
    });
    const deadline = Date.now() + 30_000;
    const pids = new Set<string>();
    while (pids.size < 2) {
      if (Date.now() > deadline) throw new Error('the cluster workers did not start');
      pids.add(await get('/warm-up').catch(() => ''));
      pids.delete('');
      await sleep(50);
    }
  });

  afterAll(async () => {
    if (primary.exitCode === null) {
      primary.kill('SIGKILL');
      await once(primary, 'exit');
    }
  });

  it('sums every worker’s counters in /metrics, whichever worker answers', async () => {
    const before = Number(/^harness_hits_total (\d+)$/m.exec(await get('/metrics'))?.[1]);
    const pids = new Set<string>();
    for (let i = 0; i < 40; i += 1) pids.add(await get('/hit'));
    expect(pids.size).toBe(2);
    for (let i = 0; i < 3; i += 1) {
      expect(await get('/metrics')).toMatch(new RegExp(`^harness_hits_total ${before + 40}$`, 'm'));
    }
  });

  it('stops every worker and exits cleanly on SIGTERM', async () => {
    primary.kill('SIGTERM');
    const [code] = await once(primary, 'exit');
    expect(code).toBe(0);
  });
});
