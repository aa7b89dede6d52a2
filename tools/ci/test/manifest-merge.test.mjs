// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManifestError, mergeAppManifests } from '../lib/manifest-merge.mjs';

const root = {
  name: 'topicops',
  version: '0.1.0',
  license: 'MIT',
  engines: { node: '>=20' },
  dependencies: { typeorm: '0.3.27', bullmq: '5.63.0', 'better-sqlite3': '12.4.1' },
  devDependencies: { jest: '30.2.0' },
  optionalDependencies: { '@tensorflow/tfjs-node': '4.22.0' },
  allowScripts: { 'better-sqlite3': true },
};
const app = (/** @type {string} */ name, /** @type {Record<string, string>} */ dependencies) => ({
  app: name,
  manifest: { name, version: '0.0.1', dependencies },
});

test('all declared runtime dependencies, sorted; optional packages stay optional', () => {
  const { manifest, notes } = mergeAppManifests(
    [app('api', { typeorm: '0.3.27' }), app('worker', { bullmq: '5.63.0', '@tensorflow/tfjs-node': '4.22.0' })],
    root,
  );
  assert.deepEqual(Object.keys(manifest.dependencies ?? {}), ['better-sqlite3', 'bullmq', 'typeorm']);
  assert.deepEqual(manifest.optionalDependencies, { '@tensorflow/tfjs-node': '4.22.0' });
  assert.deepEqual(manifest.allowScripts, root.allowScripts, 'npm 11 needs the install-script policy');
  assert.equal(manifest.private, true);
  assert.equal(manifest.name, 'topicops-runtime');
  assert.ok(
    notes.some((note) => /no bundle imports statically \(kept\): better-sqlite3/.test(note)),
    notes.join('\n'),
  );
});

test('--omit-optional drops optional packages', () => {
  const { manifest } = mergeAppManifests(
    [app('worker', { bullmq: '5.63.0', '@tensorflow/tfjs-node': '4.22.0' })],
    root,
    {
      omitOptional: true,
    },
  );
  assert.equal(manifest.optionalDependencies, undefined);
});

test('an undeclared import is installed as Nx resolved it, with a note', () => {
  const { manifest, notes } = mergeAppManifests([app('worker', { 'tsconfig-paths': '4.2.0' })], root);
  assert.equal(manifest.dependencies?.['tsconfig-paths'], '4.2.0');
  assert.ok(
    notes.some((note) => /worker imports tsconfig-paths \(4\.2\.0\), which package\.json does not declare/.test(note)),
  );
});

test('version conflicts and runtime imports of devDependencies are refused', () => {
  assert.throws(
    () => mergeAppManifests([app('api', { typeorm: '0.3.27' }), app('worker', { typeorm: '0.3.20' })], root),
    (error) =>
      error instanceof ManifestError && /typeorm: api needs 0\.3\.27 but worker needs 0\.3\.20/.test(error.message),
  );
  assert.throws(
    () => mergeAppManifests([app('api', { jest: '30.2.0' })], root),
    /api imports jest at run time, but .*devDependencies/,
  );
});
