import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseState } from '../database/database-state';
import { ChampionHolder } from '../serving/champion-holder';

const PING_TIMEOUT_MS = 2000;

/** The readiness checks: database (schema current, answering), model loaded, tracking reachable. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly database: DatabaseState,
    private readonly champion: ChampionHolder,
  ) {}

  async databaseCheck(): Promise<HealthIndicatorResult> {
    const check = this.health.check('database');
    if (!this.database.isReady()) return check.down({ reason: this.database.reason() });
    try {
      await withTimeout(this.database.ready().query('SELECT 1'), PING_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ reason: `the database does not answer (${error instanceof Error ? error.message : String(error)})` });
    }
  }

  modelCheck(): HealthIndicatorResult {
    const check = this.health.check('model');
    const status = this.champion.status();
    const lastFailure = status.lastFailure ? { lastFailure: status.lastFailure } : {};
    if (status.version) return check.up({ version: status.version, loadedAt: status.loadedAt, ...lastFailure });
    if (status.loading) return check.down({ reason: `version ${status.loading} is loading` });
    if (status.lastFailure) return check.down({ reason: `version ${status.lastFailure.version} failed to load`, ...lastFailure });
    return check.down({ reason: status.lastPollAt ? 'no version has been promoted to champion yet' : 'the registry has not been polled yet' });
  }

  trackingCheck(): HealthIndicatorResult {
    const check = this.health.check('tracking');
    const status = this.champion.status();
    if (status.trackingReachable) return check.up({ lastPollAt: status.lastPollAt, champion: status.championVersion });
    return check.down({ reason: status.trackingError ?? 'the registry has not been polled yet', lastPollAt: status.lastPollAt });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
