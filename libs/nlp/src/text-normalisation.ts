/** Text clean-ups applied before tokenisation. */

// A hyphen (ASCII, soft, Unicode, or the "¬" some OCR engines print) ending a line, or a soft hyphen anywhere.
const LINE_BREAK_HYPHEN = /[-\u00ad\u2010\u00ac][ \t]*\r?\n[ \t]*|\u00ad/g;
const LETTER = /^\p{L}$/u;

function isLetter(char: string): boolean {
  return LETTER.test(char);
}

function letterBefore(text: string, index: number): boolean {
  const last = text.charCodeAt(index - 1);
  const start = last >= 0xdc00 && last <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return start >= 0 && isLetter(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

function letterAt(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index);
  return codePoint !== undefined && isLetter(String.fromCodePoint(codePoint));
}

/** "propa-\nganda" → "propaganda" (only between letters, so "1905-\n1906" and "- \n" dashes are left alone). */
export function joinLineBreakHyphens(text: string): string {
  return text.replace(LINE_BREAK_HYPHEN, (match: string, offset: number) =>
    letterBefore(text, offset) && letterAt(text, offset + match.length) ? '' : match,
  );
}
