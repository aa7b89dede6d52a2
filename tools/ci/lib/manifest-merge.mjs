// @ts-check
// Pure merge of the apps' generated package.json files and the workspace manifest into ONE runtime
// manifest for the image (no I/O, unit-tested).
//
// Why not the generated manifests alone: Nx lists what the bundles import statically, and drivers that
// TypeORM loads by name (better-sqlite3 for the embedded sqlite set-up) never show up there. The workspace's
// `dependencies` are the declared runtime set, so the image installs all of them, plus anything the
// bundles import that the workspace does not declare (with a note), and refuses bundles that import a
// devDependency: that is the "works on my machine, crashes in the container" mistake.

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
 * @param {Manifest} root the workspace package.json
 * @param {{ omitOptional?: boolean }} [options]
 * @returns {{ manifest: Manifest; notes: string[] }}
 */
export function mergeAppManifests(apps, root, options = {}) {
  /** @type {Map<string, { version: string; app: string }>} */
  const imported = new Map();
  const problems = [];
  for (const { app, manifest } of apps) {
    const wanted = { ...(manifest.dependencies ?? {}), ...(manifest.optionalDependencies ?? {}) };
    for (const [name, version] of Object.entries(wanted)) {
      const seen = imported.get(name);
      if (seen && seen.version !== version) {
        problems.push(`${name}: ${seen.app} needs ${seen.version} but ${app} needs ${version}`);
      } else if (!seen) {
        imported.set(name, { version, app });
      }
    }
  }

  const rootDeps = root.dependencies ?? {};
  const rootOptional = root.optionalDependencies ?? {};
  const rootDev = root.devDependencies ?? {};
  /** @type {Record<string, string>} */
  const dependencies = { ...rootDeps };
  /** @type {Record<string, string>} */
  const optionalDependencies = {};
  const notes = [];
  for (const [name, { version, app }] of imported) {
    if (name in rootOptional) {
      if (!options.omitOptional) optionalDependencies[name] = version;
    } else if (name in rootDeps) {
      if (rootDeps[name] !== version)
        notes.push(`${name}: package.json pins ${rootDeps[name]}, ${app}'s bundle resolved ${version}`);
    } else if (name in rootDev) {
      problems.push(`${app} imports ${name} at run time, but package.json lists it under devDependencies`);
    } else {
      dependencies[name] = version;
      notes.push(
        `${app} imports ${name} (${version}), which package.json does not declare: installed as Nx resolved it`,
      );
    }
  }
  if (problems.length) throw new ManifestError(`cannot merge the runtime manifest:\n  - ${problems.join('\n  - ')}`);
  const unseen = Object.keys(rootDeps).filter((name) => !imported.has(name));
  if (unseen.length)
    notes.push(`declared runtime dependencies no bundle imports statically (kept): ${unseen.join(', ')}`);

  /** @type {Manifest} */
  const manifest = {
    name: 'topicops-runtime',
    private: true,
    version: root.version,
    license: root.license,
    engines: root.engines,
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
  if (Object.keys(optionalDependencies).length) manifest.optionalDependencies = optionalDependencies;
  // npm 11 runs install scripts only for packages the root manifest allows (better-sqlite3's native build).
  if (root.allowScripts) manifest.allowScripts = root.allowScripts;
  return { manifest, notes };
}
