#!/usr/bin/env node
// @ts-check
// Writes ONE runtime manifest (package.json + pruned package-lock.json) for the three apps that share
// the container image: one node_modules instead of three copies of Nest, TypeORM and TensorFlow.js. Its
// inputs are the manifests each app's build generated (Nx generatePackageJson) and the workspace's
// package.json (see lib/manifest-merge.mjs for the rules); the lockfile is the workspace's, pruned by Nx
// to exactly that set, so `npm ci --omit=dev` installs the versions the workspace was tested with.
//
// Usage: node tools/ci/runtime-manifest.mjs --out <dir> [--apps api,worker,scheduler] [--dist dist/apps]
//        [--omit-optional]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mergeAppManifests, ManifestError } from './lib/manifest-merge.mjs';

const workspaceRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      apps: { type: 'string', default: 'api,worker,scheduler' },
      dist: { type: 'string', default: join(workspaceRoot, 'dist', 'apps') },
      'omit-optional': { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new ManifestError('--out <dir> is required');
  const outDir = resolve(values.out);
  const apps = values.apps
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

  const appManifests = apps.map((app) => {
    const file = join(resolve(values.dist), app, 'package.json');
    if (!existsSync(file)) throw new ManifestError(`${file} is missing: build the apps first (npm run build)`);
    return { app, manifest: JSON.parse(readFileSync(file, 'utf8')) };
  });
  const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  const { manifest: runtime, notes } = mergeAppManifests(appManifests, rootManifest, {
    omitOptional: values['omit-optional'],
  });
  for (const note of notes) console.log(`note: ${note}`);

  // Nx's own pruning (the same code generatePackageJson uses per app) keeps the exact resolved tree.
  process.env.NX_DAEMON = 'false';
  process.env.NX_NO_CLOUD = 'true';
  const { createProjectGraphAsync } = await import('@nx/devkit');
  const { generatePrunedDeployOutput } = await import('@nx/js');
  const graph = await createProjectGraphAsync({ exitOnError: true });
  mkdirSync(outDir, { recursive: true });
  generatePrunedDeployOutput(runtime, graph, workspaceRoot, { outputDirectory: outDir, packageManager: 'npm' });
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);

  assertLockMatches(join(outDir, 'package-lock.json'), runtime);
  const counts = {
    dependencies: Object.keys(runtime.dependencies ?? {}).length,
    optionalDependencies: Object.keys(runtime.optionalDependencies ?? {}).length,
  };
  console.log(`runtime manifest for ${apps.join(', ')} written to ${outDir} (${JSON.stringify(counts)})`);
}

/**
 * Nx falls back to the unpruned root lockfile when pruning fails; `npm ci` would then reject it with
 * a confusing message, so say what happened here instead.
 * @param {string} lockPath
 * @param {{ dependencies?: Record<string, string> }} runtime
 */
function assertLockMatches(lockPath, runtime) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const rootEntry = lock.packages?.[''] ?? {};
  if (rootEntry.devDependencies && Object.keys(rootEntry.devDependencies).length > 0) {
    throw new ManifestError('Nx could not prune package-lock.json (it returned the workspace lockfile)');
  }
  for (const name of Object.keys(runtime.dependencies ?? {})) {
    if (!lock.packages?.[`node_modules/${name}`]) {
      throw new ManifestError(`the pruned package-lock.json has no entry for ${name}`);
    }
  }
}

main().catch((error) => {
  const message = error instanceof ManifestError ? error.message : error instanceof Error ? error.stack : String(error);
  console.error(`runtime-manifest: ${message}`);
  process.exit(error instanceof ManifestError ? 2 : 1);
});
