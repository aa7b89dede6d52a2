import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { httpLoggerOptions } from '../common/http-logger';
import { DatabaseState } from '../database/database-state';
import { DocumentsController } from '../documents/documents.controller';
import { HealthController } from '../health/health.controller';
import { ReadinessIndicators } from '../health/health-indicators';
import { KpiController } from '../kpi/kpi.controller';
import { ApiMetrics } from '../metrics/api-metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsSource } from '../metrics/metrics-source';
import { ModelsController } from '../models/models.controller';
import { PipelineLauncher } from '../pipeline-runs/pipeline-launcher';
import { PipelineRunsController } from '../pipeline-runs/pipeline-runs.controller';
import { PredictionsController } from '../predictions/predictions.controller';
import { PredictionsService } from '../predictions/predictions.service';
import { ApiKeyStore } from '../security/api-key-store';
import { ApiKeyGuard } from '../security/api-key.guard';
import { WindowThrottlerStorage } from '../security/window-throttler-storage';
import { ChampionHolder } from '../serving/champion-holder';
import { TRACKING_CLIENT } from '../serving/tracking-token';
import { TopicAnalyticsService } from '../topics/topic-analytics.service';
import { TopicsController } from '../topics/topics.controller';
import { ApiLifecycle } from './api-lifecycle';
import type { ApiRuntime } from './api-runtime';
import { ApiSettings } from './api-settings';

@Module({})
export class ApiModule {
  static register(runtime: ApiRuntime): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(runtime.logger) }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: runtime.config.rateLimitPerMinute }],
          storage: runtime.throttlerStorage,
          // The default key is a sha256 of these parts: a plain string is as unique and costs nothing.
          generateKey: (context, tracker, name) => `${context.getClass().name}:${context.getHandler().name}:${name}:${tracker}`,
        }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [
        PredictionsController,
        ModelsController,
        TopicsController,
        DocumentsController,
        KpiController,
        PipelineRunsController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: ApiSettings, useValue: runtime.settings },
        { provide: ApiMetrics, useValue: runtime.metrics },
        { provide: MetricsSource, useValue: runtime.metricsSource },
        { provide: TRACKING_CLIENT, useValue: runtime.tracking },
        { provide: DatabaseState, useValue: runtime.database },
        { provide: ChampionHolder, useValue: runtime.champion },
        { provide: ApiKeyStore, useValue: runtime.apiKeys },
        { provide: PipelineLauncher, useValue: runtime.launcher },
        { provide: WindowThrottlerStorage, useValue: runtime.throttlerStorage },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        ApiKeyGuard,
        PredictionsService,
        TopicAnalyticsService,
        ReadinessIndicators,
        ApiLifecycle,
      ],
    };
  }
}
