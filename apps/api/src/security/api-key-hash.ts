import { createHash, timingSafeEqual } from 'node:crypto';

const HASH_PREFIX = 'sha256:';
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * An ADMIN_API_KEYS / PREDICT_API_KEYS entry: either the key itself (hashed here, never kept) or
 * `sha256:<hex>` so that deployments need not hold the plain key at all.
 */
export function hashConfiguredKey(entry: string): Buffer {
  const trimmed = entry.trim();
  if (trimmed.startsWith(HASH_PREFIX)) {
    const hex = trimmed.slice(HASH_PREFIX.length).toLowerCase();
    if (!SHA256_HEX.test(hex)) throw new Error('an API key given as sha256:<hex> must have 64 hex digits');
    return Buffer.from(hex, 'hex');
  }
  return Buffer.from(sha256Hex(trimmed), 'hex');
}

export function hashPresentedKey(key: string): Buffer {
  return Buffer.from(sha256Hex(key), 'hex');
}

/** Compares against every stored hash without an early exit, so timing reveals neither which nor whether. */
export function matchesAnyHash(presented: Buffer, stored: readonly Buffer[]): boolean {
  let matched = false;
  for (const hash of stored) {
    if (hash.length === presented.length && timingSafeEqual(hash, presented)) matched = true;
  }
  return matched;
}

export function hexToHash(hex: string): Buffer | null {
  const normalised = hex.trim().toLowerCase();
  return SHA256_HEX.test(normalised) ? Buffer.from(normalised, 'hex') : null;
}
