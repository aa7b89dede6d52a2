// @ts-check
// Pure merge of the apps' generated package.json files into one runtime manifest (no I/O, unit-tested).

export class ManifestError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ManifestError';
  }
}

/**
 * @typedef {{ name: string; version: string; license?: string; engines?: Record<string, string>;
 *   dependencies?: Record<string, string>; devDependencies?: Record<string, string>;
 *   optionalDependencies?: Record<string, string>; private?: boolean; allowScripts?: Record<string, boolean> }} Manifest
 */

/**
 * @param {Array<{ app: string; manifest: Manifest }>} apps the generated dist/apps/<app>/package.json files
 * @param {Manifest} root the workspace package.json: decides what is optional and what must not ship
 * @param {{ omitOptional?: boolean }} [options]
 * @returns {Manifest}
 */
export function mergeAppManifests(apps, root, options = {}) {
  /** @type {Map<string, { version: string; app: string }>} */
  const merged = new Map();
  const problems = [];
  for (const { app, manifest } of apps) {
    const wanted = { ...(manifest.dependencies ?? {}), ...(manifest.optionalDependencies ?? {}) };
    for (const [name, version] of Object.entries(wanted)) {
      const seen = merged.get(name);
      if (seen && seen.version !== version) {
        problems.push(`${name}: ${seen.app} needs ${seen.version} but ${app} needs ${version}`);
        continue;
      }
      if (!seen) merged.set(name, { version, app });
    }
  }

  const rootDeps = root.dependencies ?? {};
  const rootOptional = root.optionalDependencies ?? {};
  /** @type {Record<string, string>} */
  const dependencies = {};
  /** @type {Record<string, string>} */
  const optionalDependencies = {};
  for (const [name, { version, app }] of [...merged.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (name in rootOptional) {
      if (!options.omitOptional) optionalDependencies[name] = version;
    } else if (name in rootDeps) {
      dependencies[name] = version;
    } else if (root.devDependencies && name in root.devDependencies) {
      problems.push(`${app} imports ${name} at run time, but package.json lists it under devDependencies`);
    } else {
      problems.push(`${app} imports ${name}, which package.json does not list at all`);
    }
  }
  if (problems.length) throw new ManifestError(`cannot merge the runtime manifest:\n  - ${problems.join('\n  - ')}`);

  /** @type {Manifest} */
  const runtime = {
    name: 'topicops-runtime',
    private: true,
    version: root.version,
    license: root.license,
    engines: root.engines,
    dependencies,
  };
  if (Object.keys(optionalDependencies).length) runtime.optionalDependencies = optionalDependencies;
  // npm 11 runs install scripts only for packages the root manifest allows (better-sqlite3's native build).
  if (root.allowScripts) runtime.allowScripts = root.allowScripts;
  return runtime;
}
