// Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, turning curly quotes, dashes and the euro sign
// (bytes 0x80-0x9F) into invisible C1 controls; this decoder follows the WHATWG windows-1252 table instead.
// prettier-ignore
const HIGH_TABLE: ReadonlyArray<string | undefined> = [
  '\u20ac', undefined, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
  '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017d', undefined,
  undefined, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
  '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', undefined, '\u017e', '\u0178',
];

/**
 * Decodes Windows-1252 bytes. The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * stay as the C1 controls U+0081 etc., so a caller can tell text that is not Windows-1252 at all.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (char) => HIGH_TABLE[char.charCodeAt(0) - 0x80] ?? char);
}
