// @ts-check
// Checks the compose files: the Compose Specification schema (after interpolation, as docker compose
// validates) and the rules this project relies on. Every function returns problems as strings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { interpolateTree, referencedVariables } from './compose-interpolate.mjs';
import { parseDockerfile } from './dockerfile-parse.mjs';

/** @typedef {import('./compose-interpolate.mjs').VariableUse} VariableUse */
/** @typedef {Record<string, any>} ComposeDoc */
/** @typedef {{ path: string; raw: ComposeDoc; model: ComposeDoc; uses: VariableUse[] }} ComposeFile */

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEYS?)$/;
const REQUIRED_SECRET_NAME = /(PASSWORD|API_KEYS)$/;
const SECRET_ENV_KEY = /(PASSWORD|SECRET|TOKEN|_KEYS?)$/;
const PLACEHOLDER = 'ci-placeholder';

/** @param {string} text */
export function parseComposeYaml(text) {
  const doc = parse(text, { merge: true, maxAliasCount: 1000 });
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a YAML mapping');
  return /** @type {ComposeDoc} */ (doc);
}

/**
 * Loads a compose file and interpolates it with the example environment, every empty value filled
 * with a placeholder (the example leaves secrets empty on purpose).
 * @param {string} path
 * @param {Map<string, string>} exampleEnv
 * @returns {ComposeFile}
 */
export function loadComposeFile(path, exampleEnv) {
  const raw = parseComposeYaml(readFileSync(path, 'utf8'));
  /** @type {VariableUse[]} */
  const uses = [];
  const lookup = (/** @type {string} */ name) => {
    const value = exampleEnv.get(name);
    return value === undefined ? undefined : value || PLACEHOLDER;
  };
  const model = /** @type {ComposeDoc} */ (interpolateTree(raw, lookup, uses));
  return { path, raw, model, uses };
}

/** @param {string} schemaPath */
export function createSchemaValidator(schemaPath) {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The vendored schema names its draft by an https URL Ajv does not register; draft-07 is Ajv's default.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (/** @type {ComposeFile} */ file) => {
    if (validate(file.model)) return [];
    return (validate.errors ?? []).map(
      (/** @type {import('ajv').ErrorObject} */ error) =>
        `${file.path}: schema: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
  };
}

/** @param {ComposeDoc} model */
function services(model) {
  return /** @type {Record<string, ComposeDoc>} */ (model.services ?? {});
}

/** @param {ComposeDoc} service @returns {Array<[string, string | undefined]>} */
function dependencies(service) {
  const dependsOn = service.depends_on;
  if (!dependsOn) return [];
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => [String(name), undefined]);
  return Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition]);
}

/**
 * @param {ComposeFile[]} files base file first, then overrides
 * @param {{ root: string; exampleEnv: Map<string, string>; knownAppEnv: Set<string>; scalable: string[];
 *   appDockerfile: string }} context
 */
export function checkComposeRules(files, context) {
  const problems = [];
  /** @type {Record<string, ComposeDoc>} */
  const allServices = {};
  for (const file of files) {
    for (const [name, service] of Object.entries(services(file.model))) {
      allServices[name] = { ...(allServices[name] ?? {}), ...service };
    }
  }
  const base = files[0];
  const declaredVolumes = new Set(files.flatMap((file) => Object.keys(file.model.volumes ?? {})));

  for (const file of files) {
    const isOverride = file !== base;
    for (const [name, service] of Object.entries(services(file.model))) {
      const where = `${file.path}: services.${name}`;
      if (isOverride && !(name in services(base.model)))
        problems.push(`${where} overrides a service the base file lacks`);
      if (service.container_name) problems.push(`${where} sets container_name (breaks --scale and parallel projects)`);
      if (context.scalable.includes(name) && service.ports) {
        problems.push(`${where} publishes ports, so it cannot be scaled with --scale ${name}=N`);
      }
      for (const [target, condition] of dependencies(service)) {
        const dependency = allServices[target];
        if (!dependency) {
          problems.push(`${where} depends_on "${target}", which is not a service`);
          continue;
        }
        if (condition === 'service_completed_successfully' && ![undefined, 'no'].includes(dependency.restart)) {
          problems.push(`${where} waits for "${target}" to complete, but ${target} has restart: ${dependency.restart}`);
        }
        if (condition === 'service_healthy' && !hasHealthcheck(dependency, context.root)) {
          problems.push(`${where} waits for "${target}" to be healthy, but ${target} has no health check`);
        }
      }
      problems.push(...volumeProblems(where, service, file.raw.services?.[name] ?? {}, declaredVolumes, context.root));
      problems.push(...buildProblems(where, service, context.root));
      if (!service.build && service.image && !isPinnedImage(String(service.image))) {
        problems.push(`${where} image "${service.image}" is not pinned to a version tag or digest`);
      }
      problems.push(...literalSecretProblems(where, file.raw.services?.[name] ?? {}));
      if (isAppService(allServices[name], context.appDockerfile)) {
        for (const key of Object.keys(environmentOf(service))) {
          if (!context.knownAppEnv.has(key)) problems.push(`${where} sets ${key}, which the apps never read (typo?)`);
        }
      }
    }
  }
  problems.push(...variableProblems(files, context.exampleEnv));
  return problems;
}

/** @param {ComposeDoc} service */
function environmentOf(service) {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((item) => String(item).split('=', 2)));
  return /** @type {Record<string, unknown>} */ (env);
}

/** @param {ComposeDoc | undefined} service @param {string} appDockerfile */
function isAppService(service, appDockerfile) {
  return Boolean(service?.build && typeof service.build === 'object' && service.build.dockerfile === appDockerfile);
}

/** @param {string} image */
export function isPinnedImage(image) {
  if (image.includes('@sha256:')) return true;
  const lastSegment = image.split('/').pop() ?? '';
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
  return Boolean(tag) && !['latest', 'stable', 'edge', 'lts', 'nightly'].includes(/** @type {string} */ (tag));
}

/** @param {ComposeDoc} service @param {string} root */
function hasHealthcheck(service, root) {
  if (service.healthcheck) return !service.healthcheck.disable;
  const dockerfile = buildDockerfile(service, root);
  if (!dockerfile || !existsSync(dockerfile)) return false;
  const { stages } = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const final = stages[stages.length - 1];
  return Boolean(final?.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args)));
}

/** @param {ComposeDoc} service @param {string} root */
function buildDockerfile(service, root) {
  if (!service.build) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  return join(root, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
}

/** @param {string} where @param {ComposeDoc} service @param {string} root */
function buildProblems(where, service, root) {
  if (!service.build) return [];
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = join(root, build.context ?? '.');
  if (!existsSync(context)) return [`${where} build context ${build.context} does not exist`];
  const dockerfile = buildDockerfile(service, root);
  return dockerfile && existsSync(dockerfile) ? [] : [`${where} Dockerfile ${dockerfile} does not exist`];
}

/**
 * @param {string} where @param {ComposeDoc} service @param {ComposeDoc} rawService
 * @param {Set<string>} declared @param {string} root
 */
function volumeProblems(where, service, rawService, declared, root) {
  const problems = [];
  for (const [index, volume] of (service.volumes ?? []).entries()) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    const type = typeof volume === 'string' ? undefined : volume.type;
    if (!source || type === 'tmpfs') continue;
    if (/^[./~]/.test(source)) {
      // Bind mounts of repository paths must exist; a path taken from a variable is the user's folder.
      const fromVariable = JSON.stringify(rawService.volumes?.[index] ?? '').includes('${');
      if (source.startsWith('./') && !fromVariable && !existsSync(join(root, source))) {
        problems.push(`${where} bind-mounts ${source}, which does not exist`);
      }
    } else if (!declared.has(source)) {
      problems.push(`${where} uses volume "${source}", which is not declared under top-level volumes`);
    }
  }
  return problems;
}

/** Secrets must come from .env, never be written into the compose file. @param {string} where @param {ComposeDoc} rawService */
function literalSecretProblems(where, rawService) {
  const problems = [];
  for (const [key, value] of Object.entries(environmentOf(rawService))) {
    const text = value === null || value === undefined ? '' : String(value);
    if (SECRET_ENV_KEY.test(key) && text && !text.includes('${')) {
      problems.push(`${where} environment ${key} holds a literal value; take it from .env`);
    }
    for (const match of text.matchAll(/:\/\/[^:/@\s]+:([^@\s]+)@/g)) {
      if (!match[1].includes('${')) problems.push(`${where} environment ${key} embeds a literal password in a URL`);
    }
  }
  return problems;
}

/** @param {ComposeFile[]} files @param {Map<string, string>} exampleEnv */
function variableProblems(files, exampleEnv) {
  const problems = [];
  /** @type {Set<string>} */
  const referenced = new Set();
  for (const file of files) {
    referencedVariables(file.raw, referenced);
    for (const use of file.uses) {
      if (REQUIRED_SECRET_NAME.test(use.name) && use.operator !== ':?') {
        problems.push(`${file.path}: \${${use.name}} must be required (\${${use.name}:?message}), it is a secret`);
      }
    }
  }
  for (const name of [...referenced].sort()) {
    if (!exampleEnv.has(name)) problems.push(`\${${name}} is used by the compose files but missing from .env.example`);
  }
  for (const [name, value] of exampleEnv) {
    if (!referenced.has(name) && !name.startsWith('COMPOSE_')) {
      problems.push(`.env.example declares ${name}, which no compose file uses`);
    }
    if (SECRET_NAME.test(name) && value) problems.push(`.env.example must leave the secret ${name} empty`);
  }
  return [...new Set(problems)];
}

/**
 * Environment variables the app image understands: every upper-case string literal in
 * libs/config/src (the one place configuration is read) plus the entrypoint's own variables.
 * @param {string} root
 * @param {string[]} sourceFiles
 */
export function knownAppEnvironment(root, sourceFiles) {
  const names = new Set(['NODE_ENV', 'NODE_OPTIONS']);
  for (const file of sourceFiles) {
    const text = readFileSync(join(root, file), 'utf8');
    const pattern = file.endsWith('.sh') ? /\$\{([A-Z][A-Z0-9_]+)/g : /['"]([A-Z][A-Z0-9_]{2,})['"]/g;
    for (const match of text.matchAll(pattern)) names.add(match[1]);
    // DEFAULTS-style object keys: `  PORT: '3000',`
    if (!file.endsWith('.sh')) for (const match of text.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)) names.add(match[1]);
  }
  return names;
}
