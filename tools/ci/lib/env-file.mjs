// @ts-check
// Reads a dotenv file the way docker compose reads .env: KEY=VALUE lines, `#` comments, optional
// `export `, single quotes taken literally, double quotes with \n \" \\ escapes.
import { readFileSync } from 'node:fs';

/**
 * @param {string} text
 * @returns {Map<string, string>} in file order
 */
export function parseEnvFile(text) {
  /** @type {Map<string, string>} */
  const values = new Map();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`line ${index + 1} is not KEY=VALUE: ${line}`);
    values.set(match[1], unquote(match[2]));
  });
  return values;
}

/** @param {string} value */
function unquote(value) {
  if (value.startsWith("'")) {
    const end = value.indexOf("'", 1);
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  if (value.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"/.exec(value);
    const body = match ? match[1] : value.slice(1);
    return body.replace(/\\(.)/g, (_, ch) => (ch === 'n' ? '\n' : ch));
  }
  return value.replace(/\s+#.*$/, '').trim();
}

/** @param {string} file */
export function readEnvFile(file) {
  return parseEnvFile(readFileSync(file, 'utf8'));
}
