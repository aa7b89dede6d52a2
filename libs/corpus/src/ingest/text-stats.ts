import { createHash } from 'node:crypto';

export interface TextStats {
  contentHash: string;
  /** Unicode code points (an emoji counts once). */
  charCount: number;
  /** Runs of non-white-space characters. */
  wordCount: number;
  /** Control characters other than tab, line breaks and form feed (a sign of binary data). */
  controlCount: number;
}

function isUnicodeSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Counts in one pass over the text (corpus texts are large; this loop is the ingestion's main CPU cost).
 * `utf8` is the text encoded as UTF-8 (the hash is over those bytes).
 */
export function textStats(text: string, utf8: Uint8Array): TextStats {
  let lowSurrogates = 0;
  let words = 0;
  let controls = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20) {
      if (code >= 0xa0 && (isUnicodeSpace(code) || (code >= 0xdc00 && code <= 0xdfff))) {
        if (code >= 0xdc00) lowSurrogates++;
        else {
          inWord = false;
          continue;
        }
      } else if (code === 0x7f) controls++;
      if (!inWord) {
        inWord = true;
        words++;
      }
    } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
      inWord = false;
    } else {
      controls++;
      if (!inWord) {
        inWord = true;
        words++;
      }
    }
  }
  return {
    contentHash: createHash('sha256').update(utf8).digest('hex'),
    charCount: text.length - lowSurrogates,
    wordCount: words,
    controlCount: controls,
  };
}
