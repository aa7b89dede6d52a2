import { decodeText } from './decode-text';

function decoded(bytes: Buffer): { text: string; encoding: string } | string {
  const result = decodeText(bytes);
  return result.ok ? { text: result.content.text, encoding: result.encoding } : result.reason;
}

describe('decodeText', () => {
  it('keeps UTF-8 as it is, without a byte-order mark', () => {
    const utf8 = Buffer.from('città 👍', 'utf8');
    const result = decodeText(utf8);
    expect(result.ok && result.content.utf8).toBe(utf8);
    expect(decoded(Buffer.from('\ufeffciao', 'utf8'))).toEqual({ text: 'ciao', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 for Latin-1 text, curly quotes included', () => {
    const bytes = Buffer.from([0x63, 0x69, 0x74, 0x74, 0xe0, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80]);
    expect(decoded(bytes)).toEqual({ text: 'città \u201cq\u201d \u20ac', encoding: 'windows-1252' });
  });

  it('rejects empty, binary and undecodable bytes with a reason', () => {
    expect(decoded(Buffer.alloc(0))).toBe('empty');
    expect(decoded(Buffer.from([0x41, 0x00, 0x42]))).toBe('binary');
    expect(decoded(Buffer.from([0x41, 0x81, 0xe0]))).toBe('not_utf8');
  });
});
