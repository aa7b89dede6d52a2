// @ts-check
// .dockerignore matching with Docker's rules (moby/patternmatcher): patterns are relative to the context
// root (a bare `*.log` matches only at the root, unlike .gitignore), `**` spans directories, a pattern
// that matches a directory excludes everything below it, `!` re-includes, and the last match wins.
import { readFileSync } from 'node:fs';

/** @typedef {{ source: string; negated: boolean; regex: RegExp }} IgnoreRule */

/** @param {string} glob */
function globToRegex(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') {
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unterminated character class in .dockerignore pattern "${glob}"`);
      out += `[${glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '\\' && i + 1 < glob.length) {
      out += `\\${glob[i + 1]}`;
      i += 1;
    } else {
      out += ch.replace(/[.+^${}()|\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** @param {string} pattern */
function cleanPattern(pattern) {
  const parts = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * @param {string} text the .dockerignore contents
 * @returns {IgnoreRule[]}
 */
export function parseDockerignore(text) {
  /** @type {IgnoreRule[]} */
  const rules = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = cleanPattern(negated ? line.slice(1).trim() : line);
    if (!pattern) continue;
    rules.push({ source: line, negated, regex: globToRegex(pattern) });
  }
  return rules;
}

/** @param {string} file */
export function readDockerignore(file) {
  return parseDockerignore(readFileSync(file, 'utf8'));
}

/**
 * True when the context path (posix, relative to the context root) is left out of the build context.
 * @param {IgnoreRule[]} rules
 * @param {string} path
 */
export function isIgnored(rules, path) {
  const segments = path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negated;
  }
  return ignored;
}

/** True when some `!` rule could re-include a path below an excluded directory. @param {IgnoreRule[]} rules */
export function hasExceptions(rules) {
  return rules.some((rule) => rule.negated);
}
