/**
 * Python orders strings by code point, JavaScript by UTF-16 code unit. The two disagree only when a
 * character outside the Basic Multilingual Plane meets one in U+E000–U+FFFF; this comparison follows
 * Python so that sorted vocabularies (and so gensim's ids) come out the same for every script.
 */

function codePointOrderKey(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return codeUnit + 0x2000; // surrogates: above every BMP character
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  return codeUnit;
}

/** Compares like Python's `str` comparison (code point order). */
export function compareCodePoints(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrderKey(x) - codePointOrderKey(y);
  }
  return a.length - b.length;
}
