import { ValueTransformer } from 'typeorm';

/**
 * Every string column names its character set, so tables hold any Unicode text (emoji included)
 * whatever the MySQL database's default charset is. sqlite ignores both options (see
 * database/topicops-data-source.ts).
 */
export const UNICODE_TEXT = { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' } as const;

/**
 * Column options for values that must compare byte for byte (paths, hashes, keys). MySQL's default
 * collations fold case and accents, so 'a.txt' would collide with 'A.txt'; sqlite compares binary
 * already, so the sqlite data source drops this collation (see database/topicops-data-source.ts).
 */
export const EXACT_MATCH = { charset: 'utf8mb4', collation: 'utf8mb4_bin' } as const;

/** JSON kept as text (longtext on MySQL) rather than a native JSON type, so both dialects store it alike. */
export function jsonText<T>(): ValueTransformer {
  return {
    to: (value: T | null | undefined): string | null =>
      value === null || value === undefined ? null : JSON.stringify(value),
    from: (stored: string | null): T | null =>
      stored === null || stored === undefined ? null : (JSON.parse(stored) as T),
  };
}

/** BIGINT columns hydrate as numbers (mysql2 may hand back strings for them); values stay below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (stored: string | number | null) => (stored === null || stored === undefined ? null : Number(stored)),
};
