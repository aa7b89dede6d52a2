import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { MetricsSource } from './metrics-source';

@ApiTags('health')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly source: MetricsSource) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (summed over every worker process in cluster mode)' })
  @ApiOkResponse({ description: 'Prometheus text format' })
  metrics(): Promise<string> {
    return this.source.text();
  }
}
