import { createHash } from 'node:crypto';
import { textStats } from './text-stats';

describe('textStats', () => {
  it('counts code points, words and control characters and hashes the UTF-8 bytes', () => {
    const text = ' Città\u00a0di  New\tYork 👩‍👩‍👧\n\u0001';
    const utf8 = Buffer.from(text, 'utf8');
    expect(textStats(text, utf8)).toEqual({
      contentHash: createHash('sha256').update(utf8).digest('hex'),
      charCount: [...text].length,
      wordCount: 6,
      controlCount: 1,
    });
  });
});
