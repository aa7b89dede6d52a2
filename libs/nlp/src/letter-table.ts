import type { TokenPattern } from './preprocessing-config';

/** In a letter table: not part of a word. */
export const NOT_LETTER = 0;
/** In a letter table: a letter. */
export const LETTER = 1;
/** In a letter table: a high surrogate; whether the code point it starts is a letter needs a look. */
export const SURROGATE = 2;

const UNICODE_LETTER = /^\p{L}$/u;
const tables = new Map<TokenPattern, Uint8Array>();

const MODIFIER_LETTER_APOSTROPHE = 0x2bc;

/**
 * One byte per UTF-16 code unit saying whether it is a word character of the pattern (after
 * lowercasing): 'latin' is [a-zà-öø-ÿ], 'unicode' is \p{L} except ʼ (U+02BC, a letter to Unicode but
 * written as an apostrophe: dellʼanno). Built once per pattern, on first use.
 */
export function letterTable(pattern: TokenPattern): Uint8Array {
  let table = tables.get(pattern);
  if (table === undefined) {
    table = pattern === 'latin' ? latinTable() : unicodeTable();
    tables.set(pattern, table);
  }
  return table;
}

/** Whether the astral code point starting at `index` (a high surrogate in `text`) is a \p{L} letter. */
export function isAstralLetter(text: string, index: number): boolean {
  const low = text.charCodeAt(index + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
  return UNICODE_LETTER.test(text.slice(index, index + 2));
}

function latinTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const ranges: Array<[number, number]> = [
    [0x61, 0x7a],
    [0xe0, 0xf6],
    [0xf8, 0xff],
  ]; // a-z à-ö ø-ÿ
  for (const [from, to] of ranges) table.fill(LETTER, from, to + 1);
  return table;
}

function unicodeTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit += 1) {
    if (unit >= 0xd800 && unit <= 0xdbff) table[unit] = SURROGATE;
    else if (unit < 0xdc00 || unit > 0xdfff)
      table[unit] = UNICODE_LETTER.test(String.fromCharCode(unit)) ? LETTER : NOT_LETTER;
  }
  table[MODIFIER_LETTER_APOSTROPHE] = NOT_LETTER;
  return table;
}
