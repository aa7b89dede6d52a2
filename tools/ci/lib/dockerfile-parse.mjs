// @ts-check
// A small Dockerfile reader for policy checks: instructions with line numbers, continuation lines
// joined, comments and parser directives dropped, split into build stages.
import { readFileSync } from 'node:fs';

/** @typedef {{ line: number; keyword: string; args: string }} Instruction */
/** @typedef {{ from: string; name?: string; line: number; instructions: Instruction[] }} Stage */

/**
 * @param {string} text
 * @returns {{ globalArgs: Map<string, string>; stages: Stage[] }}
 */
export function parseDockerfile(text) {
  /** @type {Instruction[]} */
  const instructions = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const first = lines[i].trim();
    if (!first || first.startsWith('#')) continue;
    const start = i;
    let joined = first;
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      i += 1;
      const next = lines[i].trim();
      // Comment and blank lines inside a continuation are dropped; the instruction goes on.
      if (!next || next.startsWith('#')) continue;
      joined = `${joined.slice(0, -1).trimEnd()} ${next}`.trimEnd();
    }
    const match = /^(\S+)\s*(.*)$/s.exec(joined);
    if (match) instructions.push({ line: start + 1, keyword: match[1].toUpperCase(), args: match[2].trim() });
  }

  /** @type {Map<string, string>} */
  const globalArgs = new Map();
  /** @type {Stage[]} */
  const stages = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const parts = instruction.args.split(/\s+/).filter((part) => !part.startsWith('--'));
      const asIndex = parts.findIndex((part) => part.toUpperCase() === 'AS');
      stages.push({
        from: parts[0] ?? '',
        name: asIndex >= 0 ? parts[asIndex + 1] : undefined,
        line: instruction.line,
        instructions: [],
      });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name, value = ''] = instruction.args.split('=', 2);
      globalArgs.set(name.trim(), value.trim().replace(/^"(.*)"$/, '$1'));
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** @param {string} file */
export function readDockerfile(file) {
  return parseDockerfile(readFileSync(file, 'utf8'));
}

/**
 * The FROM reference with global ARG defaults substituted (${NAME}, $NAME).
 * @param {string} from
 * @param {Map<string, string>} args
 */
export function resolveFrom(from, args) {
  return from.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name) => args.get(name) ?? '');
}
