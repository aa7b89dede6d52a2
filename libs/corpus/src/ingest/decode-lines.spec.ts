import { decodeLines } from './decode-lines';

async function collect(pieces: Buffer[]): Promise<{ text: string; bytes: number }> {
  let text = '';
  let bytes = 0;
  for await (const chunk of decodeLines(pieces)) {
    text += chunk.text;
    bytes += chunk.bytes;
  }
  return { text, bytes };
}

describe('decodeLines', () => {
  it('never splits a multi-byte character across chunks', async () => {
    const data = Buffer.from('\ufeffprima riga è\nseconda 👍 riga\nterza', 'utf8');
    const pieces = [...data].map((byte) => Buffer.from([byte]));
    expect(await collect(pieces)).toEqual({ text: 'prima riga è\nseconda 👍 riga\nterza', bytes: data.length });
  });

  it('decodes a Latin-1 line as Windows-1252 and leaves the UTF-8 lines alone', async () => {
    const data = Buffer.concat([
      Buffer.from('città\n', 'utf8'),
      Buffer.from('perch\u00e9\n', 'latin1'),
      Buffer.from('più', 'utf8'),
    ]);
    expect((await collect([data])).text).toBe('città\nperché\npiù');
  });
});
