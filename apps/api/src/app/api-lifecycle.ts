import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DatabaseState } from '../database/database-state';
import { WindowThrottlerStorage } from '../security/window-throttler-storage';
import { PipelineLauncher } from '../pipeline-runs/pipeline-launcher';
import { ChampionHolder } from '../serving/champion-holder';

/** Starts the background pollers with the app and stops them, and any in-process run, on shutdown. */
@Injectable()
export class ApiLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly database: DatabaseState,
    private readonly champion: ChampionHolder,
    private readonly launcher: PipelineLauncher,
    private readonly throttlerStorage: WindowThrottlerStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.database.start();
    this.champion.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.champion.stop();
    await this.launcher.stop();
    await this.database.stop();
    this.throttlerStorage.close();
  }
}
