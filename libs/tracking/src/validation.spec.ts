import { InvalidParameterValueError } from './errors';
import { normaliseVersion, validateAlias, validateArtifactPath, validateKey } from './validation';

describe('validation (MLflow rules)', () => {
  it.each(['c_v', 'loss/per_word_bound', 'k:10 run-1.final', 'città', 'a'.repeat(250)])('accepts key %p', (key) => {
    expect(() => validateKey('metric', key)).not.toThrow();
  });

  it.each([
    '',
    '../x',
    'a/../b',
    'a..b',
    '/abs',
    'trail/',
    'a//b',
    'a/./b',
    'semi;colon',
    'new\nline',
    'a'.repeat(251),
  ])('rejects key %p', (key) => {
    expect(() => validateKey('param', key)).toThrow(InvalidParameterValueError);
  });

  it.each(['champion', 'challenger_2', 'prod-eu', 'v', 'version1', 'v1a'])('accepts alias %p', (alias) => {
    expect(() => validateAlias(alias)).not.toThrow();
  });

  it.each(['latest', 'Latest', 'v1', 'V42', 'has space', 'dot.ted', '', 'x'.repeat(256)])(
    'rejects alias %p',
    (alias) => {
      expect(() => validateAlias(alias)).toThrow(InvalidParameterValueError);
    },
  );

  it('normalises versions and artifact paths', () => {
    expect(normaliseVersion(3)).toBe('3');
    expect(normaliseVersion(' 07 ')).toBe('7');
    expect(() => normaliseVersion('0')).toThrow(/positive integer/);
    expect(() => normaliseVersion('1.5')).toThrow(InvalidParameterValueError);
    expect(validateArtifactPath('model/')).toBe('model');
    expect(validateArtifactPath('')).toBe('');
    for (const bad of ['../x', '/abs', 'a\\b', 'a/./b', 'a//b'])
      expect(() => validateArtifactPath(bad)).toThrow(InvalidParameterValueError);
  });
});
