import type { IngestionErrorReason } from '../entities';
import { decodeWindows1252 } from './windows-1252';

export type DecodedText =
  | {
      ok: true;
      text: string;
      encoding: 'utf-8' | 'windows-1252';
      /** the input was exactly the text's UTF-8 */ exactUtf8: boolean;
    }
  | { ok: false; reason: IngestionErrorReason; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** windows-1252 leaves five bytes (0x81 0x8D 0x8F 0x90 0x9D) undefined; the decoder maps them to C1 controls. */
function hasC1Controls(text: string): boolean {
  return /[\u0080-\u009f]/.test(text);
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Bytes of a text file to a string: UTF-8 when valid (a BOM is dropped), else Windows-1252 (a superset of
 * Latin-1) when every byte means something there. NUL bytes mean binary data. (Texts made mostly of control
 * characters are caught later, for every source, from the text statistics.)
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'the file is empty' };
  if (bytes.includes(0))
    return { ok: false, reason: 'binary', message: 'the file holds NUL bytes: binary data, not text' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
    if (hasC1Controls(text)) {
      return {
        ok: false,
        reason: 'not_utf8',
        message: 'the file is neither valid UTF-8 nor Windows-1252/Latin-1 text',
      };
    }
    return text.trim() === ''
      ? { ok: false, reason: 'empty', message: 'the file holds only white space' }
      : { ok: true, text, encoding: 'windows-1252', exactUtf8: false };
  }
  if (text.trim() === '') return { ok: false, reason: 'empty', message: 'the file holds only white space' };
  return { ok: true, text, encoding: 'utf-8', exactUtf8: !hasUtf8Bom(bytes) };
}
