import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Logger } from '@topicops/config';
import { SubmitOutcome } from './request-run';

export interface SourceFingerprint {
  fingerprint: string;
  files: number;
  bytes: number;
}

/** A digest of every file's relative path, size and modification time under a folder (or of one file). */
export async function sourceFingerprint(source: string): Promise<SourceFingerprint> {
  const root = await stat(source);
  const entries: string[] = [];
  let bytes = 0;
  if (root.isFile()) {
    entries.push(`.\t${root.size}\t${Math.trunc(root.mtimeMs)}`);
    bytes = root.size;
  } else {
    const names = await readdir(source, { recursive: true, withFileTypes: true });
    for (const entry of names) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const info = await stat(path);
      entries.push(`${relative(source, path)}\t${info.size}\t${Math.trunc(info.mtimeMs)}`);
      bytes += info.size;
    }
  }
  entries.sort();
  const fingerprint = createHash('sha256').update(entries.join('\n')).digest('hex');
  return { fingerprint, files: entries.length, bytes };
}

/** Where the watcher remembers the last fingerprint it acted on (Redis in production). */
export interface FingerprintMemory {
  get(): Promise<string | null>;
  set(fingerprint: string): Promise<void>;
}

export interface SourceWatcherOptions {
  source: string;
  corpus: string;
  memory: FingerprintMemory;
  /** Submits a new_data run for the given fingerprint. */
  submit(fingerprint: string): Promise<SubmitOutcome>;
  logger: Logger;
}

export type PollResult = 'unchanged' | 'settling' | 'submitted' | 'busy' | 'empty';

/**
 * The "new data arrived" trigger: polls a folder and submits a run when its content changed. A change
 * must look the same on two consecutive polls before it counts, so a folder still being copied is not
 * ingested half-way. The fingerprint is remembered only once a run took it (created or duplicate), so
 * data that arrives while the corpus is busy triggers a run when the corpus is free again.
 */
export class SourceWatcher {
  private candidate: string | null = null;

  constructor(private readonly options: SourceWatcherOptions) {}

  async poll(): Promise<PollResult> {
    const { options } = this;
    const current = await sourceFingerprint(options.source);
    if (current.files === 0) return 'empty';
    if (current.fingerprint === (await options.memory.get())) {
      this.candidate = null;
      return 'unchanged';
    }
    if (current.fingerprint !== this.candidate) {
      this.candidate = current.fingerprint;
      return 'settling';
    }
    const outcome = await options.submit(current.fingerprint);
    if (outcome.reason === 'corpus_busy') return 'busy';
    await options.memory.set(current.fingerprint);
    this.candidate = null;
    options.logger.info(
      { ...outcome, source: options.source, files: current.files, bytes: current.bytes },
      'new data: pipeline run requested',
    );
    return 'submitted';
  }
}
