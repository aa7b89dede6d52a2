#!/usr/bin/env node
// @ts-check
// Prints, as shell `export` lines, the environment a compose service's container would get: the app
// image's ENV (final stage of its Dockerfile) overlaid with the service's `environment`, interpolated
// with .env.example. Secrets that .env.example leaves empty get fresh random values.
// Usage: eval "$(node tools/ci/compose-env.mjs api)"
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpolateTree } from './lib/compose-interpolate.mjs';
import { parseComposeYaml } from './lib/compose-rules.mjs';
import { parseDockerfile } from './lib/dockerfile-parse.mjs';
import { readEnvFile } from './lib/env-file.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** `ENV A=1 B="two words"` -> [['A', '1'], ['B', 'two words']] @param {string} args */
export function parseEnvInstruction(args) {
  const pairs = [];
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const raw = match[2];
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.replace(/^'(.*)'$/, '$1');
    pairs.push([match[1], value]);
  }
  return pairs;
}

/** @param {string} value */
function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function main() {
  const serviceName = process.argv[2];
  if (!serviceName) {
    console.error('usage: compose-env.mjs <service>');
    process.exit(2);
  }
  const example = readEnvFile(join(root, '.env.example'));
  const compose = parseComposeYaml(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
  const service = compose.services?.[serviceName];
  if (!service) {
    console.error(`compose-env: docker-compose.yml has no service "${serviceName}"`);
    process.exit(2);
  }
  /** @type {Map<string, string>} */
  const generated = new Map();
  const lookup = (/** @type {string} */ name) => {
    const value = example.get(name);
    if (value) return value;
    if (/(PASSWORD|API_KEYS)$/.test(name)) {
      if (!generated.has(name)) generated.set(name, randomBytes(12).toString('hex'));
      return generated.get(name);
    }
    return value;
  };
  const environment = /** @type {Record<string, unknown>} */ (interpolateTree(service.environment ?? {}, lookup));

  /** @type {Map<string, string>} */
  const result = new Map();
  const dockerfile = typeof service.build === 'object' ? service.build.dockerfile : undefined;
  if (dockerfile) {
    const { stages } = parseDockerfile(readFileSync(join(root, dockerfile), 'utf8'));
    for (const instruction of stages[stages.length - 1]?.instructions ?? []) {
      if (instruction.keyword === 'ENV')
        for (const [key, value] of parseEnvInstruction(instruction.args)) result.set(key, value);
    }
  }
  for (const [key, value] of Object.entries(environment)) result.set(key, value === null ? '' : String(value));
  for (const [key, value] of result) console.log(`export ${key}=${shellQuote(value)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
