// @ts-check
// Dockerfile policy (the hadolint rules this project cares about) plus every COPY source being present
// in the build context. The generic syntax linter (dockerfile-utils) runs from static-checks.mjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isIgnored } from './dockerignore.mjs';
import { parseDockerfile, resolveFrom } from './dockerfile-parse.mjs';
import { isPinnedImage } from './compose-rules.mjs';

/** @typedef {import('./dockerignore.mjs').IgnoreRule} IgnoreRule */

/**
 * @param {string} label file name for messages
 * @param {string} text Dockerfile contents
 * @param {{ contextDir: string; ignoreRules: IgnoreRule[] }} build the build context it is used with
 * @returns {string[]}
 */
export function checkDockerfilePolicy(label, text, build) {
  const problems = [];
  const { globalArgs, stages } = parseDockerfile(text);
  if (stages.length === 0) return [`${label}: no FROM instruction`];
  const stageNames = new Set(stages.map((stage) => stage.name).filter(Boolean));

  for (const stage of stages) {
    const image = resolveFrom(stage.from, globalArgs);
    if (!stageNames.has(stage.from) && !isPinnedImage(image)) {
      problems.push(`${label}:${stage.line} FROM ${image} is not pinned to a version tag or digest`);
    }
    for (const { line, keyword, args } of stage.instructions) {
      const at = `${label}:${line}`;
      if (keyword === 'RUN') problems.push(...runProblems(at, args));
      if (keyword === 'ADD' && /(^|\s)(https?:|git@)/.test(args))
        problems.push(`${at} ADD of a URL: download in RUN with a checksum`);
      if (keyword === 'ADD' && !/\.(tar|tgz|tar\.\w+)(\s|$)/.test(args))
        problems.push(`${at} use COPY, not ADD, for plain files`);
      if ((keyword === 'COPY' || keyword === 'ADD') && !/--from=/.test(args)) {
        problems.push(...copySourceProblems(at, args, build));
      }
      if (keyword === 'WORKDIR' && !args.startsWith('/') && !args.startsWith('$'))
        problems.push(`${at} WORKDIR must be absolute`);
    }
  }

  const final = stages[stages.length - 1];
  const user = [...final.instructions].reverse().find((i) => i.keyword === 'USER');
  if (!user || /^(root|0)(:|$)/.test(user.args)) problems.push(`${label}: the final stage must run as a non-root USER`);
  if (!final.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args))) {
    problems.push(`${label}: the final stage has no HEALTHCHECK`);
  }
  for (const i of final.instructions) {
    if ((i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD') && !i.args.startsWith('[')) {
      problems.push(`${label}:${i.line} ${i.keyword} must use the exec (JSON) form so signals reach the process`);
    }
  }
  return problems;
}

/** @param {string} at @param {string} command */
function runProblems(at, command) {
  const problems = [];
  if (/\bsudo\b/.test(command)) problems.push(`${at} sudo in RUN`);
  if (/\bapt-get\s+update\b/.test(command) && !/\bapt-get\s+install\b/.test(command)) {
    problems.push(`${at} apt-get update without install in the same RUN (stale cache layer)`);
  }
  if (/\bapt-get\s+install\b/.test(command)) {
    if (!/\s-y\b|--yes\b|--assume-yes\b/.test(command)) problems.push(`${at} apt-get install without -y`);
    if (!/--no-install-recommends\b/.test(command))
      problems.push(`${at} apt-get install without --no-install-recommends`);
    if (!/rm -rf \/var\/lib\/apt\/lists/.test(command))
      problems.push(`${at} apt-get install without removing /var/lib/apt/lists`);
  }
  if (/\bpip3?\s+install\b/.test(command)) {
    if (!/--no-cache-dir\b/.test(command)) problems.push(`${at} pip install without --no-cache-dir`);
    const packages = command
      .replace(/^.*\bpip3?\s+install\b/s, '')
      .split(/&&|;|\|/)[0]
      .split(/\s+/)
      .map((word) => word.replace(/^["']|["']$/g, ''))
      .filter((word) => word && !word.startsWith('-'));
    for (const spec of packages)
      if (!spec.includes('==')) problems.push(`${at} pip package ${spec} is not pinned (==)`);
  }
  if (/\bnpm\s+install\b/.test(command)) problems.push(`${at} use npm ci (lockfile) instead of npm install`);
  return problems;
}

/**
 * @param {string} at
 * @param {string} args
 * @param {{ contextDir: string; ignoreRules: IgnoreRule[] }} build
 */
function copySourceProblems(at, args, build) {
  const words = args.startsWith('[') ? JSON.parse(args) : args.split(/\s+/).filter((word) => !word.startsWith('--'));
  const sources = /** @type {string[]} */ (words).slice(0, -1);
  const problems = [];
  for (const source of sources) {
    if (/[*?[]/.test(source) || /^(https?:|git@)/.test(source)) continue;
    const path = source.replace(/^\.\//, '').replace(/\/$/, '');
    if (path === '.' || path === '') continue;
    if (!existsSync(join(build.contextDir, path))) problems.push(`${at} COPY source ${source} does not exist`);
    else if (isIgnored(build.ignoreRules, path))
      problems.push(`${at} COPY source ${source} is excluded by .dockerignore`);
  }
  return problems;
}
