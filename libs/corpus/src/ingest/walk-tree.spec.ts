import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoundEntry, walkTree } from './walk-tree';

async function walked(root: string): Promise<FoundEntry[]> {
  const found: FoundEntry[] = [];
  for await (const entry of walkTree(root)) found.push(entry);
  return found;
}

describe('walkTree', () => {
  const root = mkdtempSync(join(tmpdir(), 'topicops-walk-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists files in name order, folder by folder, skipping hidden entries', async () => {
    mkdirSync(join(root, 'B_Paper', 'inner'), { recursive: true });
    mkdirSync(join(root, 'A_Paper'));
    mkdirSync(join(root, '.git'));
    for (const file of [
      'B_Paper/2.txt',
      'B_Paper/1.txt',
      'B_Paper/inner/3.txt',
      'A_Paper/9.txt',
      'A_Paper/.DS_Store',
      '.git/HEAD',
    ]) {
      writeFileSync(join(root, file), 'x');
    }
    expect((await walked(root)).map((entry) => `${entry.kind}:${entry.relative}`)).toEqual([
      'file:A_Paper/9.txt',
      'file:B_Paper/1.txt',
      'file:B_Paper/2.txt',
      'file:B_Paper/inner/3.txt',
    ]);
  });

  it('reports a folder it cannot list instead of throwing', async () => {
    expect(await walked(join(root, 'missing'))).toEqual([
      { kind: 'unlistable', absolute: join(root, 'missing'), relative: '.', error: 'ENOENT' },
    ]);
  });
});
