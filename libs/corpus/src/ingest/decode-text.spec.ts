import { decodeText } from './decode-text';

describe('decodeText', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(Buffer.from('città 👍', 'utf8'))).toEqual({
      ok: true,
      text: 'città 👍',
      encoding: 'utf-8',
      exactUtf8: true,
    });
    expect(decodeText(Buffer.from('\ufeffciao', 'utf8'))).toEqual({
      ok: true,
      text: 'ciao',
      encoding: 'utf-8',
      exactUtf8: false,
    });
  });

  it('falls back to Windows-1252 for Latin-1 text, curly quotes included', () => {
    const bytes = Buffer.from([0x63, 0x69, 0x74, 0x74, 0xe0, 0x20, 0x93, 0x71, 0x94]);
    expect(decodeText(bytes)).toEqual({
      ok: true,
      text: 'città \u201cq\u201d',
      encoding: 'windows-1252',
      exactUtf8: false,
    });
  });

  it('rejects empty, binary and undecodable bytes with a reason', () => {
    expect(decodeText(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeText(Buffer.from(' \n\t '))).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({ ok: false, reason: 'binary' });
    expect(decodeText(Buffer.from([0x41, 0x81, 0xe0]))).toMatchObject({ ok: false, reason: 'not_utf8' });
  });
});
