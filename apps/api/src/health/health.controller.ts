import { Controller, Get, HttpException, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { ApiResponse } from '../common/http-types';
import { ReadinessIndicators } from './health-indicators';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: ReadinessIndicators,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness (same as /health/ready): database, model loaded, tracking reachable' })
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check is down and why' })
  check(@Res({ passthrough: true }) res: ApiResponse): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database schema current and answering, champion model loaded, tracking reachable' })
  @ApiOkResponse({ description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check is down and why' })
  ready(@Res({ passthrough: true }) res: ApiResponse): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop turns (no dependency is checked)' })
  @ApiOkResponse({ description: 'Alive' })
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  private async readiness(res: ApiResponse): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.databaseCheck(),
        () => this.indicators.modelCheck(),
        () => this.indicators.trackingCheck(),
      ]);
    } catch (error) {
      // Terminus reports "not ready" as a 503 carrying the full result: answer with that result as is.
      if (error instanceof HttpException) {
        res.statusCode = error.getStatus();
        return error.getResponse() as HealthCheckResult;
      }
      throw error;
    }
  }
}
