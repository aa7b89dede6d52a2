const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/worker') },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'cli', entryPath: './src/cli.ts' },
        // worker_threads entry of the LDA E-step shards; the lda lib finds it beside the bundle
        { entryName: 'lda-worker', entryPath: join(__dirname, '../../libs/lda/src/parallel/lda-worker-main.ts') },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      skipTypeChecking: true,
      sourceMap: true,
    }),
  ],
};
