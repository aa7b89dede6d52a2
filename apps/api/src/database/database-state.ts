import { ServiceUnavailableException } from '@nestjs/common';
import type { Logger } from '@topicops/config';
import { pendingMigrations } from '@topicops/corpus';
import type { DataSource } from 'typeorm';

export interface DatabaseStatus {
  connected: boolean;
  pendingMigrations: string[];
  error: string | null;
  checkedAt: string | null;
}

/**
 * The API's view of its database. It never migrates (the CLI `migrate` command owns that): it connects,
 * retrying in the background while the server is down, and reports not-ready while migrations are pending,
 * re-checking until someone applies them.
 */
export class DatabaseState {
  private status: DatabaseStatus = { connected: false, pendingMigrations: [], error: null, checkedAt: null };
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: { recheckMs: number; ownsConnection: boolean },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking?.catch(() => undefined);
    if (this.options.ownsConnection && this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  snapshot(): DatabaseStatus {
    return this.status;
  }

  isReady(): boolean {
    return this.status.connected && this.status.pendingMigrations.length === 0 && this.status.error === null;
  }

  /** The data source when the schema is current; otherwise a 503 that says why. */
  ready(): DataSource {
    if (!this.isReady()) throw new ServiceUnavailableException(`The database is not ready: ${this.reason()}`);
    return this.dataSource;
  }

  reason(): string {
    const { connected, pendingMigrations: pending, error } = this.status;
    if (error) return error;
    if (!connected) return 'not connected yet';
    if (pending.length) return `${pending.length} migration(s) pending (${pending.join(', ')}); run "npm run cli -- migrate"`;
    return 'ready';
  }

  /** Connects if needed and re-reads the pending migrations. */
  check(): Promise<void> {
    if (!this.checking) {
      this.checking = this.checkOnce().finally(() => {
        this.checking = null;
      });
    }
    return this.checking;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // Once ready, the schema only moves when someone migrates: keep checking, just less often.
      void this.check().finally(() => this.schedule(this.isReady() ? this.options.recheckMs * 6 : this.options.recheckMs));
    }, delayMs);
    this.timer.unref();
  }

  private async checkOnce(): Promise<void> {
    const before = this.reason();
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      const pending = await pendingMigrations(this.dataSource);
      this.status = { connected: true, pendingMigrations: pending, error: null, checkedAt: new Date().toISOString() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.status = {
        connected: this.dataSource.isInitialized,
        pendingMigrations: this.status.pendingMigrations,
        error: `cannot reach the database (${message})`,
        checkedAt: new Date().toISOString(),
      };
    }
    const after = this.reason();
    if (after !== before) {
      if (this.isReady()) this.logger.info('database ready');
      else this.logger.warn({ reason: after }, 'database not ready');
    }
  }
}
