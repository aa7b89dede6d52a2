import type { Logger } from '@topicops/config';
import { ApiKeyEntity, ApiKeyRole } from '@topicops/corpus';
import { IsNull } from 'typeorm';
import type { DatabaseState } from '../database/database-state';
import { hashConfiguredKey, hashPresentedKey, hexToHash, matchesAnyHash } from './api-key-hash';

export type AccessLevel = 'admin' | 'predict';

type KeyHashes = Record<ApiKeyRole, Buffer[]>;

/**
 * The accepted API keys, as sha256 hashes only: those given by ADMIN_API_KEYS / PREDICT_API_KEYS and the
 * unrevoked rows of the api_keys table (re-read every `refreshMs`, never per request).
 */
export class ApiKeyStore {
  private readonly configured: KeyHashes;
  private stored: KeyHashes = { admin: [], predict: [] };
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    keys: { admin: string[]; predict: string[] },
    private readonly database: DatabaseState,
    private readonly logger: Logger,
    private readonly refreshMs = 30_000,
  ) {
    this.configured = { admin: keys.admin.map(hashConfiguredKey), predict: keys.predict.map(hashConfiguredKey) };
  }

  /** Whether any key of the level exists; predictions are open while no predict key is configured. */
  async isRequired(level: AccessLevel): Promise<boolean> {
    await this.refreshIfStale();
    return level === 'admin' || this.hashes('predict').length > 0;
  }

  async hasAnyAdminKey(): Promise<boolean> {
    await this.refreshIfStale();
    return this.hashes('admin').length > 0;
  }

  /** The strongest role the key grants, or null. Admin keys may also predict. */
  async roleOf(key: string): Promise<ApiKeyRole | null> {
    await this.refreshIfStale();
    const presented = hashPresentedKey(key);
    if (matchesAnyHash(presented, this.hashes('admin'))) return 'admin';
    if (matchesAnyHash(presented, this.hashes('predict'))) return 'predict';
    return null;
  }

  private hashes(role: ApiKeyRole): Buffer[] {
    return [...this.configured[role], ...this.stored[role]];
  }

  private async refreshIfStale(): Promise<void> {
    if (Date.now() - this.loadedAt < this.refreshMs || !this.database.isReady()) return;
    if (!this.loading) {
      this.loading = this.loadStored().finally(() => {
        this.loading = null;
      });
    }
    await this.loading;
  }

  private async loadStored(): Promise<void> {
    try {
      const rows = await this.database
        .ready()
        .getRepository(ApiKeyEntity)
        .find({ select: { keyHash: true, role: true }, where: { revokedAt: IsNull() } });
      const next: KeyHashes = { admin: [], predict: [] };
      for (const row of rows) {
        const hash = hexToHash(row.keyHash);
        if (hash && (row.role === 'admin' || row.role === 'predict')) next[row.role].push(hash);
      }
      this.stored = next;
      this.loadedAt = Date.now();
    } catch (error) {
      // Keep the last known table keys; env keys keep working either way.
      this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'cannot read the api_keys table');
      this.loadedAt = Date.now() - this.refreshMs / 2;
    }
  }
}
