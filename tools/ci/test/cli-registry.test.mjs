// @ts-check
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliRegistry } from '../lib/dag-check.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cli-registry-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('commander commands and their options are read from the sources', () => {
  mkdirSync(join(dir, 'commands'));
  writeFileSync(
    join(dir, 'commands/data.ts'),
    `export const a = () => new Command('ingest')
    .requiredOption('--source <path>', 'folder')
    .option("-c, --corpus <name>", 'corpus', 'default');
export const b = () => new Command('preprocess')
    .option('--no-phrases', 'no bigrams')
    .option('--stopwords <file>');`,
  );
  writeFileSync(join(dir, 'commands/data.spec.ts'), `new Command('ghost').option('--x')`);
  const registry = cliRegistry(dir);
  assert.deepEqual([...registry.keys()].sort(), ['ingest', 'preprocess']);
  assert.deepEqual([...(registry.get('ingest') ?? [])].sort(), ['--corpus', '--source']);
  assert.deepEqual([...(registry.get('preprocess') ?? [])].sort(), ['--no-phrases', '--phrases', '--stopwords']);
});
