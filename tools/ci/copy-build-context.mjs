#!/usr/bin/env node
// @ts-check
// Copies the Docker build context (the workspace minus what .dockerignore leaves out) into a folder,
// so the container rehearsal builds from exactly what `docker build .` would send.
// Usage: node tools/ci/copy-build-context.mjs <destination>
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasExceptions, isIgnored, readDockerignore } from './lib/dockerignore.mjs';

const contextRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const destination = process.argv[2];
if (!destination) {
  console.error('usage: copy-build-context.mjs <destination>');
  process.exit(2);
}
const target = resolve(destination);
if (target === contextRoot || target.startsWith(contextRoot + sep)) {
  console.error(`copy-build-context: the destination must be outside the context (${contextRoot})`);
  process.exit(2);
}
const ignoreFile = join(contextRoot, '.dockerignore');
const rules = existsSync(ignoreFile) ? readDockerignore(ignoreFile) : [];
const mayReinclude = hasExceptions(rules);

let files = 0;
/** @param {string} dir */
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = join(dir, entry.name);
    const rel = relative(contextRoot, absolute).split(sep).join('/');
    const ignored = isIgnored(rules, rel);
    if (entry.isDirectory()) {
      if (!ignored || mayReinclude) walk(absolute);
    } else if (!ignored && (entry.isFile() || entry.isSymbolicLink())) {
      const out = join(target, rel);
      mkdirSync(join(out, '..'), { recursive: true });
      copyFileSync(absolute, out);
      files += 1;
    }
  }
}

mkdirSync(target, { recursive: true });
walk(contextRoot);
console.log(`copied ${files} build-context files to ${target}`);
