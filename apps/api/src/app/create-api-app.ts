import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@topicops/config';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { parseByteSize } from '../common/byte-size';
import { requestIdMiddleware } from '../common/request-id';
import { requestMetricsMiddleware } from '../metrics/request-metrics.middleware';
import { PredictionsFastLane } from '../predictions/predictions-fast-lane';
import { PredictionsService } from '../predictions/predictions.service';
import { ApiModule } from './api.module';
import { ApiAppOverrides, createApiRuntime } from './api-runtime';
import { enableCors, requireJsonBodies, securityHeaders } from './http-hardening';
import { setUpSwagger } from './swagger';
import { apiValidationPipe } from './validation';

/**
 * Builds the whole API (initialised, not yet listening): main.ts, the e2e tests and the benchmark all
 * use it, so they exercise the same app. Call `listen()` to serve and `close()` to stop.
 */
export async function createApiApp(config: AppConfig, overrides: ApiAppOverrides = {}): Promise<INestApplication> {
  const bodyLimitBytes = parseByteSize(config.bodyLimit); // a bad BODY_LIMIT stops the start, not a request
  const runtime = createApiRuntime(config, overrides);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(runtime), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.disable('x-powered-by');
  // Answers are computed per request (mostly POST): an ETag would hash every body for no cache to use.
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(requestMetricsMiddleware(runtime.metrics));
  const headers = securityHeaders();
  app.use(headers);
  enableCors(app, config.corsOrigins);
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: config.bodyLimit });
  const validation = apiValidationPipe();
  app.useGlobalPipes(validation);
  app.useGlobalFilters(new AllExceptionsFilter(runtime.logger));
  setUpSwagger(app);
  await app.init();
  if (runtime.apiEnv.predictionsFastLane) {
    new PredictionsFastLane({
      service: app.get(PredictionsService),
      validation,
      keys: runtime.apiKeys,
      throttlerStorage: runtime.throttlerStorage,
      metrics: runtime.metrics,
      logger: runtime.logger,
      securityHeaders: headers,
      requireJson: requireJsonBodies,
      rateLimitPerMinute: config.rateLimitPerMinute,
      bodyLimitBytes,
      corsEnabled: config.corsOrigins.length > 0,
    }).install(app.getHttpServer());
  }
  if (overrides.awaitStartup ?? true) {
    await runtime.database.check();
    await runtime.champion.poll();
  }
  return app;
}
