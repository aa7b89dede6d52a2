import { hashConfiguredKey, hashPresentedKey, matchesAnyHash, sha256Hex } from './api-key-hash';
import { presentedApiKey } from './presented-key';

describe('API key hashing', () => {
  it('accepts a configured key as plain text or as its sha256', () => {
    const plain = hashConfiguredKey('s3cret-key');
    const hashed = hashConfiguredKey(`sha256:${sha256Hex('s3cret-key').toUpperCase()}`);
    expect(plain.equals(hashed)).toBe(true);
    expect(matchesAnyHash(hashPresentedKey('s3cret-key'), [hashed])).toBe(true);
  });

  it('rejects other keys and malformed hashes', () => {
    const stored = [hashConfiguredKey('one'), hashConfiguredKey('two')];
    expect(matchesAnyHash(hashPresentedKey('three'), stored)).toBe(false);
    expect(matchesAnyHash(hashPresentedKey('two'), stored)).toBe(true);
    expect(() => hashConfiguredKey('sha256:abc')).toThrow(/64 hex digits/);
  });

  it('reads the key from x-api-key or a Bearer authorization header', () => {
    expect(presentedApiKey({ 'x-api-key': ' k1 ' })).toBe('k1');
    expect(presentedApiKey({ authorization: 'Bearer k2' })).toBe('k2');
    expect(presentedApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(presentedApiKey({})).toBeUndefined();
  });
});
