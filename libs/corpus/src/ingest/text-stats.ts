import { createHash } from 'node:crypto';

export interface TextStats {
  /** sha256 hex of the UTF-8 bytes. */
  contentHash: string;
  /** Unicode code points (an emoji made of several code points counts each). */
  charCount: number;
  /** Runs of non-white-space characters. */
  wordCount: number;
  /** Control characters other than tab, line breaks and form feed (a sign of binary data). */
  controlCount: number;
}

/** Whether a UTF-8 white-space character starts at `i`: NBSP, U+1680, U+2000-200A, U+2028/9, U+202F, U+205F, U+3000. */
function multiByteSpace(bytes: Uint8Array, i: number): boolean {
  const lead = bytes[i];
  const second = bytes[i + 1];
  if (lead === 0xc2) return second === 0xa0;
  const third = bytes[i + 2];
  if (lead === 0xe2) {
    if (second === 0x80) return third <= 0x8a || third === 0xa8 || third === 0xa9 || third === 0xaf;
    return second === 0x81 && third === 0x9f;
  }
  if (lead === 0xe1) return second === 0x9a && third === 0x80;
  return lead === 0xe3 && second === 0x80 && third === 0x80;
}

/**
 * Counts over the UTF-8 bytes in one pass (for a large corpus this loop and the hash are the ingestion's main
 * CPU cost, and working on bytes spares decoding the text at all). `utf8` must be valid UTF-8.
 */
export function textStats(utf8: Uint8Array): TextStats {
  let continuationBytes = 0;
  let words = 0;
  let controls = 0;
  let inWord = false;
  for (let i = 0; i < utf8.length; i++) {
    const byte = utf8[i];
    // Printable ASCII first: it is nearly every byte of a corpus, so it gets the shortest path.
    if (byte > 0x20 && byte < 0x7f) {
      if (!inWord) {
        inWord = true;
        words++;
      }
      continue;
    }
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) {
      inWord = false;
      continue;
    }
    if (byte < 0x80) controls++;
    else if ((byte & 0xc0) === 0x80) {
      continuationBytes++; // its character was counted at its lead byte
      continue;
    } else if (byte <= 0xe3 && multiByteSpace(utf8, i)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return {
    contentHash: createHash('sha256').update(utf8).digest('hex'),
    charCount: utf8.length - continuationBytes,
    wordCount: words,
    controlCount: controls,
  };
}
