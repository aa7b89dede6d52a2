// Resolves the @topicops/* aliases of tsconfig.base.json for the LDA bench scripts run with
// `node -r @swc-node/register` (which only reads a tsconfig.json in the working directory). Import it first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const workspaceRoot = join(__dirname, '..', '..');
const { compilerOptions } = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: workspaceRoot, paths: compilerOptions.paths });
