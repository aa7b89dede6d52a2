// Entry of the E-step worker threads when the library runs from its TypeScript sources (jest,
// `node -r @swc-node/register`): compiles TypeScript on the fly and resolves the @topicops/* aliases of
// tsconfig.base.json. Bundled builds ship their own lda-worker.js built from lda-worker-main.ts.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function findWorkspaceRoot(from) {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
  }
  return undefined;
}

require('@swc-node/register');
const root = findWorkspaceRoot(__dirname);
if (root) {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths || {} });
}
require('./lda-worker-main.ts');
