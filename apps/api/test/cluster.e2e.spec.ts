import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

let PORT = 0;
const url = (path: string) => `http://127.0.0.1:${PORT}${path}`;

/** A port the system reports free now (a fixed or pid-derived one collided with other suites). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function get(path: string): Promise<string> {
  const res = await fetch(url(path));
  return res.text();
}

describe('cluster mode: workers sharing the port, metrics aggregated by the primary', () => {
  let primary: ChildProcess;

  beforeAll(async () => {
    PORT = await freePort();
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
