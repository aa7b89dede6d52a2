// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnvFile } from '../lib/env-file.mjs';

test('dotenv lines: comments, export, quotes, inline comments', () => {
  const values = parseEnvFile(
    '# comment\nA=1\nexport B=two words # note\nC="quoted # not a comment\\n"\nD=\'single $x\'\nE=\n',
  );
  assert.deepEqual(Object.fromEntries(values), {
    A: '1',
    B: 'two words',
    C: 'quoted # not a comment\n',
    D: 'single $x',
    E: '',
  });
  assert.throws(() => parseEnvFile('not a pair'), /line 1/);
});
