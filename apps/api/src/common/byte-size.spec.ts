import { parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it('reads sizes the way body-parser does (1024-based units)', () => {
    expect(parseByteSize('2mb')).toBe(2 * 1024 * 1024);
    expect(parseByteSize('100KB')).toBe(102_400);
    expect(parseByteSize('1.5mb')).toBe(1_572_864);
    expect(parseByteSize('512')).toBe(512);
  });

  it('refuses what is not a size', () => {
    expect(() => parseByteSize('lots')).toThrow(/BODY_LIMIT="lots" is not a size/);
  });
});
