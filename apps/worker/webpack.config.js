const { join } = require('path');

module.exports = require('../../tools/webpack/node-app-config')('worker', [
  { entryName: 'cli', entryPath: './src/cli.ts' },
  // worker_threads entry of the LDA E-step shards; the lda lib finds it beside the bundle
  { entryName: 'lda-worker', entryPath: join(__dirname, '../../libs/lda/src/parallel/lda-worker-main.ts') },
]);
