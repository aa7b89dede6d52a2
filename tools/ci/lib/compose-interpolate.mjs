// @ts-check
// Compose-file variable interpolation, as docker compose does it: $$ is a literal $, $VAR and ${VAR},
// ${VAR:-default} / ${VAR-default}, ${VAR:?error} / ${VAR?error}, ${VAR:+alt} / ${VAR+alt}, with
// nested expressions inside defaults. Also reports every variable used and how.

/** @typedef {{ name: string; operator: '' | ':-' | '-' | ':?' | '?' | ':+' | '+'; argument: string }} VariableUse */

export class InterpolationError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'InterpolationError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = /** @type {const} */ ([':-', ':?', ':+', '-', '?', '+']);

/** Index of the `}` closing the `${` that starts at `open`, honouring nesting. */
function closingBrace(/** @type {string} */ text, /** @type {number} */ open) {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i += 1;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new InterpolationError(`unclosed "\${" in "${text}"`);
}

/**
 * @param {string} text
 * @param {(name: string) => string | undefined} lookup
 * @param {VariableUse[]} [uses] receives every variable referenced, defaults included
 * @returns {string}
 */
export function interpolate(text, lookup, uses = []) {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 1;
    } else if (next === '{') {
      const end = closingBrace(text, i);
      out += expand(text.slice(i + 2, end), lookup, uses);
      i = end;
    } else {
      const match = NAME.exec(text.slice(i + 1));
      if (!match) {
        out += '$';
        continue;
      }
      uses.push({ name: match[0], operator: '', argument: '' });
      out += lookup(match[0]) ?? '';
      i += match[0].length;
    }
  }
  return out;
}

/**
 * @param {string} body the text between `${` and `}`
 * @param {(name: string) => string | undefined} lookup
 * @param {VariableUse[]} uses
 */
function expand(body, lookup, uses) {
  const match = NAME.exec(body);
  if (!match) throw new InterpolationError(`invalid variable expression "\${${body}}"`);
  const name = match[0];
  const rest = body.slice(name.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op)) ?? '';
  if (!operator && rest) throw new InterpolationError(`invalid variable expression "\${${body}}"`);
  const argument = rest.slice(operator.length);
  uses.push({ name, operator, argument });

  const value = lookup(name);
  const unset = value === undefined;
  const empty = unset || value === '';
  switch (operator) {
    case '':
      return value ?? '';
    case ':-':
      return empty ? interpolate(argument, lookup, uses) : /** @type {string} */ (value);
    case '-':
      return unset ? interpolate(argument, lookup, uses) : /** @type {string} */ (value);
    case ':?':
    case '?':
      if (operator === ':?' ? empty : unset) {
        throw new InterpolationError(`required variable ${name} is missing a value: ${argument || '(no message)'}`);
      }
      return /** @type {string} */ (value);
    case ':+':
      return empty ? '' : interpolate(argument, lookup, uses);
    case '+':
      return unset ? '' : interpolate(argument, lookup, uses);
    default:
      throw new InterpolationError(`unsupported operator in "\${${body}}"`);
  }
}

/**
 * Interpolates every string value (not keys) of a parsed compose document.
 * @param {unknown} node
 * @param {(name: string) => string | undefined} lookup
 * @param {VariableUse[]} [uses]
 * @returns {unknown}
 */
export function interpolateTree(node, lookup, uses = []) {
  if (typeof node === 'string') return interpolate(node, lookup, uses);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, lookup, uses));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateTree(value, lookup, uses)]));
  }
  return node;
}

/**
 * Every variable name a compose document refers to, including inside defaults that interpolation
 * would not evaluate.
 * @param {unknown} node
 * @param {Set<string>} [names]
 * @returns {Set<string>}
 */
export function referencedVariables(node, names = new Set()) {
  if (typeof node === 'string') {
    for (const match of node.replace(/\$\$/g, '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  } else if (Array.isArray(node)) {
    for (const item of node) referencedVariables(item, names);
  } else if (node && typeof node === 'object') {
    for (const value of Object.values(node)) referencedVariables(value, names);
  }
  return names;
}
