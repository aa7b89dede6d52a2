// @ts-check
// The Airflow DAG: it compiles, its unit tests pass, and every CLI command and flag it runs exists in
// the worker's CLI (in the sources always; through `cli.js <command> --help` when the CLI is built).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {string} root
 * @param {{ dagDir: string; cliSourceDir: string; builtCli: string; testDir: string }} paths
 */
export function checkDag(root, paths) {
  const problems = [];
  const dagDir = join(root, paths.dagDir);
  const pythonFiles = readdirSync(dagDir).filter((name) => name.endsWith('.py'));
  const scratch = mkdtempSync(join(tmpdir(), 'topicops-dag-'));
  try {
    for (const name of pythonFiles) {
      const compiled = python(root, [
        '-c',
        'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)',
        join(dagDir, name),
        join(scratch, `${name}c`),
      ]);
      if (compiled.status !== 0) problems.push(`${paths.dagDir}/${name} does not compile:\n${compiled.stderr}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const tests = python(root, ['-B', '-m', 'unittest', 'discover', '-s', paths.testDir, '-p', 'test_*.py']);
  process.stdout.write(tests.stderr);
  if (tests.status !== 0)
    problems.push(`the DAG's Python tests failed (python3 -m unittest discover -s ${paths.testDir})`);

  const stages = python(root, [
    '-B',
    '-c',
    'import json, sys; sys.path.insert(0, sys.argv[1]); import topicops_retraining_logic as l; print(json.dumps(l.CLI_STAGES))',
    dagDir,
  ]);
  if (stages.status !== 0) return [...problems, `cannot read CLI_STAGES from the DAG: ${stages.stderr}`];
  /** @type {Record<string, string[]>} */
  const cliStages = JSON.parse(stages.stdout);
  const registry = cliRegistry(join(root, paths.cliSourceDir));
  const builtCli = join(root, paths.builtCli);
  for (const [stage, argv] of Object.entries(cliStages)) {
    const [role, command, ...rest] = argv;
    const flags = rest.filter((arg) => arg.startsWith('--')).map((flag) => flag.split('=')[0]);
    if (role !== 'cli') problems.push(`DAG stage ${stage} must run "cli <command>", runs "${role}"`);
    const known = registry.get(command);
    if (!known) {
      problems.push(`DAG stage ${stage} runs "cli ${command}", which ${paths.cliSourceDir} does not define`);
      continue;
    }
    for (const flag of flags) {
      if (!known.has(flag)) problems.push(`DAG stage ${stage}: "${command}" has no option ${flag}`);
    }
    if (existsSync(builtCli)) problems.push(...helpProblems(root, builtCli, stage, command, flags));
  }
  if (!existsSync(builtCli)) console.log(`  (${paths.builtCli} is not built: checked the CLI sources only)`);
  return problems;
}

/** @param {string} root @param {string[]} args */
function python(root, args) {
  return spawnSync('python3', args, { cwd: root, encoding: 'utf8' });
}

/**
 * @param {string} root @param {string} cli @param {string} stage @param {string} command @param {string[]} flags
 */
function helpProblems(root, cli, stage, command, flags) {
  const help = spawnSync(process.execPath, [cli, command, '--help'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
    timeout: 30_000,
  });
  if (help.status !== 0) return [`DAG stage ${stage}: "cli.js ${command} --help" exited ${help.status}`];
  const text = `${help.stdout}${help.stderr}`;
  return flags
    .filter((flag) => !new RegExp(`(^|[\\s,])${flag}(\\s|,|$|=|\\[|<)`, 'm').test(text))
    .map((flag) => `DAG stage ${stage}: "cli.js ${command} --help" does not list ${flag}`);
}

/**
 * Commander commands and their options, read from the CLI sources: `new Command('name')` followed by
 * `.option('--flag ...')` / `.requiredOption(...)` until the next command.
 * @param {string} dir
 * @returns {Map<string, Set<string>>}
 */
export function cliRegistry(dir) {
  /** @type {Map<string, Set<string>>} */
  const registry = new Map();
  if (!existsSync(dir)) return registry;
  for (const file of listTs(dir)) {
    const text = readFileSync(file, 'utf8');
    const parts = text.split(/new Command\(\s*['"]/).slice(1);
    for (const part of parts) {
      const name = part.slice(0, part.search(/['"]/));
      const flags = new Set();
      for (const match of part.matchAll(/\.(?:option|requiredOption)\(\s*['"]((?:-\w,\s*)?--[\w-]+)/g)) {
        const flag = /** @type {string} */ (match[1].split(/,\s*/).pop());
        flags.add(flag);
        if (flag.startsWith('--no-')) flags.add(`--${flag.slice(5)}`);
      }
      registry.set(name, flags);
    }
  }
  return registry;
}

/** @param {string} dir @returns {string[]} */
function listTs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
