import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { WorkerMessage } from './messages';

const ENTRY = join(__dirname, 'worker-entry.ts');
const FORK_TSCONFIG = join(__dirname, 'tsconfig.fork.json');
const STARTUP_TIMEOUT_MS = 60_000;

/** A real worker process (the worker app booted through @swc-node/register) driven by a test. */
export class WorkerProcess {
  readonly messages: WorkerMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerMessage) => {
      this.messages.push(message);
      for (const listener of this.listeners) listener();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const child = fork(ENTRY, [], {
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: FORK_TSCONFIG,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const worker = new WorkerProcess(child);
    const first = await worker.waitFor((m) => m.type === 'ready' || m.type === 'startup-failed', STARTUP_TIMEOUT_MS);
    if (first.type === 'startup-failed') throw new Error(`worker did not start: ${first.message}`);
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (message: WorkerMessage) => boolean, timeoutMs = 60_000): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(match);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`worker ${this.pid}: no matching message within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** SIGTERM and wait; SIGKILL if it does not stop in time. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
