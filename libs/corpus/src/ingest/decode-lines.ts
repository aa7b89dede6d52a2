import { decodeWindows1252 } from './windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;

export interface TextChunk {
  /** Whole lines (each ending with its newline, except perhaps the file's last). */
  text: string;
  /** Bytes of the file this chunk came from. */
  bytes: number;
}

function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function decodeBlock(block: Uint8Array): string {
  try {
    return utf8.decode(block);
  } catch {
    // Only the lines that are not UTF-8 fall back to Windows-1252; a stray Latin-1 line keeps the rest intact.
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < block.length; i++) {
      if (block[i] === NEWLINE) {
        lines.push(decodeLine(block.subarray(start, i + 1)));
        start = i + 1;
      }
    }
    if (start < block.length) lines.push(decodeLine(block.subarray(start)));
    return lines.join('');
  }
}

/**
 * Decodes a byte stream into text in chunks cut at line ends, so a multi-byte character is never split.
 * Newline bytes mean the same in UTF-8 and Windows-1252, which lets each line pick its own encoding.
 */
export async function* decodeLines(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<TextChunk> {
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  for await (const piece of stream) {
    const data = carry.length ? Buffer.concat([carry, Buffer.from(piece)]) : Buffer.from(piece);
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      carry = data;
      continue;
    }
    carry = data.subarray(lastNewline + 1);
    let block = data.subarray(0, lastNewline + 1);
    if (first && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf) block = block.subarray(3);
    first = false;
    yield { text: decodeBlock(block), bytes: lastNewline + 1 };
  }
  if (carry.length) {
    const block = first && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf ? carry.subarray(3) : carry;
    yield { text: decodeBlock(block), bytes: carry.length };
  }
}
