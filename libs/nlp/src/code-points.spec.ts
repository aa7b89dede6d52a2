import { compareCodePoints } from './code-points';

describe('compareCodePoints', () => {
  it('orders like Python, putting astral characters after U+E000–U+FFFF', () => {
    const astral = '\u{1D400}'; // MATHEMATICAL BOLD CAPITAL A, a surrogate pair in UTF-16
    const privateUse = '\uE000';
    expect(compareCodePoints(astral, privateUse)).toBeGreaterThan(0);
    expect([astral, privateUse, 'b', 'a', 'ab', 'é'].sort(compareCodePoints)).toEqual([
      'a',
      'ab',
      'b',
      'é',
      privateUse,
      astral,
    ]);
    // plain UTF-16 order gets this pair the other way round
    expect([astral, privateUse].sort()).toEqual([astral, privateUse]);
  });

  it('treats equal strings as equal and prefixes as smaller', () => {
    expect(compareCodePoints('anno', 'anno')).toBe(0);
    expect(compareCodePoints('ann', 'anno')).toBeLessThan(0);
  });
});
