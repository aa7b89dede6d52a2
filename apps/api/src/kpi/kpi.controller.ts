import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { KpiRecordEntity } from '@topicops/corpus';
import { ApiSettings } from '../app/api-settings';
import { DatabaseState } from '../database/database-state';
import { KpiHistoryDto, KpiQueryDto } from './kpi.dto';

@ApiTags('kpi')
@Controller('v1/kpi')
export class KpiController {
  constructor(
    private readonly database: DatabaseState,
    private readonly settings: ApiSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'KPI history: every evaluation of the model against the coherence threshold, newest first' })
  @ApiOkResponse({ type: KpiHistoryDto })
  @ApiServiceUnavailableResponse({ description: 'The database is not ready' })
  async history(@Query() query: KpiQueryDto): Promise<KpiHistoryDto> {
    const records = await this.database
      .ready()
      .getRepository(KpiRecordEntity)
      .find({
        where: { modelName: this.settings.modelName, ...(query.version ? { modelVersion: query.version } : {}) },
        order: { createdAt: 'DESC', id: 'DESC' },
        take: query.limit ?? 100,
      });
    return {
      modelName: this.settings.modelName,
      records: records.map((record) => ({
        id: record.id,
        modelVersion: record.modelVersion,
        runId: record.runId,
        corpus: record.corpus,
        c_v: record.cV,
        u_mass: record.uMass,
        c_npmi: record.cNpmi,
        log_perplexity: record.logPerplexity,
        threshold: record.threshold,
        kpiOk: Boolean(record.kpiOk),
        promoted: Boolean(record.promoted),
        createdAt: record.createdAt.toISOString(),
      })),
    };
  }
}
