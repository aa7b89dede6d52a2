// The webpack configuration every app shares: a Node bundle in dist/apps/<app> with source maps and a
// generated package.json (the container's runtime dependencies); apps add entries of their own.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/** @param {string} app the folder under apps/ @param {Array<{entryName: string, entryPath: string}>} [additionalEntryPoints] */
module.exports = function nodeAppConfig(app, additionalEntryPoints = []) {
  return {
    output: { path: join(__dirname, '../../dist/apps', app) },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints,
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
};
