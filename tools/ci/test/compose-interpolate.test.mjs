// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InterpolationError, interpolate, interpolateTree, referencedVariables } from '../lib/compose-interpolate.mjs';

const env = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
]);
const lookup = (/** @type {string} */ name) => env.get(name);

test('defaults, alternatives and escapes follow docker compose', () => {
  assert.equal(interpolate('${SET:-d}', lookup), 'value');
  assert.equal(interpolate('${EMPTY:-d}', lookup), 'd');
  assert.equal(interpolate('${EMPTY-d}', lookup), '');
  assert.equal(interpolate('${UNSET-d}', lookup), 'd');
  assert.equal(interpolate('${SET:+alt}', lookup), 'alt');
  assert.equal(interpolate('${EMPTY:+alt}', lookup), '');
  assert.equal(interpolate('${EMPTY+alt}', lookup), 'alt');
  assert.equal(interpolate('$SET and $$SET', lookup), 'value and $SET');
  assert.equal(interpolate('${UNSET:-${SET}}/x', lookup), 'value/x');
  assert.equal(interpolate('cost $5', lookup), 'cost $5');
});

test('required variables fail with their message', () => {
  assert.equal(interpolate('${SET:?needed}', lookup), 'value');
  assert.throws(() => interpolate('${EMPTY:?set EMPTY in .env}', lookup), /EMPTY.*set EMPTY in \.env/);
  assert.equal(interpolate('${EMPTY?x}', lookup), '');
  assert.throws(() => interpolate('${UNSET?x}', lookup), InterpolationError);
  assert.throws(() => interpolate('${BAD NAME}', lookup), InterpolationError);
  assert.throws(() => interpolate('${OPEN', lookup), /unclosed/);
});

test('trees are interpolated in values, keys untouched, and every reference is reported', () => {
  /** @type {import('../lib/compose-interpolate.mjs').VariableUse[]} */
  const uses = [];
  const tree = { '${KEY}': ['${SET}', 3, { url: 'x://${UNSET:-${NESTED}}' }] };
  assert.deepEqual(interpolateTree(tree, lookup, uses), { '${KEY}': ['value', 3, { url: 'x://' }] });
  assert.deepEqual(
    uses.map((u) => `${u.name}${u.operator}`),
    ['SET', 'UNSET:-', 'NESTED'],
  );
  assert.deepEqual([...referencedVariables({ a: '${A:-${B}} $C $$D', b: ['${E:?x}'] })].sort(), ['A', 'B', 'C', 'E']);
});
