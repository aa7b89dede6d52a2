import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
export const DEMO_CORPUS = join(FIXTURES, 'demo-corpus');
export const DEMO_PUBLICATIONS = join(FIXTURES, 'demo-publications.csv');

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A scratch folder, removed by the returned function. */
export function scratchDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `topicops-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A writable copy of the demo corpus. */
export function copyDemoCorpus(dir: string): string {
  const target = join(dir, 'demo-corpus');
  cpSync(DEMO_CORPUS, target, { recursive: true });
  return target;
}

export function treeStats(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      files++;
      bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
    }
  }
  return { files, bytes };
}
