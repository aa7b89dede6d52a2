export type DatabaseTarget =
  | { kind: 'mysql'; host: string; port: number; username: string; password: string; database: string }
  | { kind: 'sqlite'; path: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `mysql://user:pass@host:port/db` (MySQL or MariaDB through mysql2) or `sqlite:<path>`
 * (`sqlite::memory:` for an in-memory database).
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed.startsWith('sqlite:')) {
    const path = trimmed.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError([`DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/topicops.sqlite`]);
    return { kind: 'sqlite', path };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ConfigError([`DATABASE_URL is not a URL (expected mysql://user:pass@host:port/db or sqlite:<path>)`]);
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError([`DATABASE_URL scheme "${parsed.protocol}" is not supported (use mysql:// or sqlite:)`]);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ConfigError(['DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/topicops']);
  const port = parsed.port ? Number(parsed.port) : 3306;
  return {
    kind: 'mysql',
    host: parsed.hostname || '127.0.0.1',
    port,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password || ''),
    database,
  };
}

/** The URL with any password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}
