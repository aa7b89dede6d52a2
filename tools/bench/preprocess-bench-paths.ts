// Lets `node -r @swc-node/register` resolve the workspace's @topicops/* aliases (swc-node alone does not
// read tsconfig.base.json paths). Import this module before anything that uses an alias.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const root = join(__dirname, '..', '..');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: root, paths: base.compilerOptions.paths });
