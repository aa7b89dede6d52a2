import { isUtf8 } from 'node:buffer';
import { Utf8Text } from '../database/utf8-text';
import type { IngestionErrorReason } from '../entities';
import { decodeWindows1252 } from './windows-1252';

export type DecodedText =
  | { ok: true; content: Utf8Text; encoding: 'utf-8' | 'windows-1252' }
  | { ok: false; reason: IngestionErrorReason; message: string };

/** windows-1252 leaves five bytes (0x81 0x8D 0x8F 0x90 0x9D) undefined; they decode to C1 controls. */
function hasC1Controls(text: string): boolean {
  return /[\u0080-\u009f]/.test(text);
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The bytes of a text file as document text: UTF-8 when valid (a BOM is dropped; the bytes are kept as they
 * are), else Windows-1252 (a superset of Latin-1) when every byte means something there. NUL bytes mean
 * binary data. (Empty and mostly-control-character texts are caught later, for every source, from the
 * text statistics.)
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'the file is empty' };
  if (bytes.includes(0))
    return { ok: false, reason: 'binary', message: 'the file holds NUL bytes: binary data, not text' };
  if (isUtf8(bytes))
    return { ok: true, content: Utf8Text.fromUtf8(hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  const text = decodeWindows1252(bytes);
  if (hasC1Controls(text))
    return { ok: false, reason: 'not_utf8', message: 'the file is neither valid UTF-8 nor Windows-1252/Latin-1 text' };
  return { ok: true, content: Utf8Text.fromString(text), encoding: 'windows-1252' };
}
