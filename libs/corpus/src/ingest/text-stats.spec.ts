import { createHash } from 'node:crypto';
import { textStats } from './text-stats';

describe('textStats', () => {
  it('counts code points, words and control characters and hashes the UTF-8 bytes', () => {
    const text = ' Città\u00a0di  New\tYork\u3000東京 👩‍👩‍👧\u2003«x»\n\u0001';
    const utf8 = Buffer.from(text, 'utf8');
    expect(textStats(utf8)).toEqual({
      contentHash: createHash('sha256').update(utf8).digest('hex'),
      charCount: [...text].length,
      wordCount: text.split(/\s+/).filter(Boolean).length,
      controlCount: 1,
    });
  });

  it('finds no words in white space of any kind', () => {
    expect(textStats(Buffer.from(' \u00a0\t\u2028\u205f\n', 'utf8')).wordCount).toBe(0);
  });
});
