import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UsageError } from '@topicops/config';
import { PipelineRunStatus, pipelineRunStatus } from '@topicops/pipeline';
import type { ApiResponse } from '../common/http-types';
import { DatabaseState } from '../database/database-state';
import { RequiresKey } from '../security/access.decorator';
import { ApiKeyGuard } from '../security/api-key.guard';
import { LauncherBusyError, PipelineLauncher } from './pipeline-launcher';
import { PipelineRunStatusDto, StartPipelineRunDto, StartedPipelineRunDto } from './pipeline-run.dto';

const RUN_ID = /^[\w-]{1,36}$/;

@ApiTags('pipeline')
@Controller('v1/pipeline/runs')
@UseGuards(ApiKeyGuard)
export class PipelineRunsController {
  constructor(
    private readonly launcher: PipelineLauncher,
    private readonly database: DatabaseState,
  ) {}

  @Post()
  @HttpCode(202)
  @RequiresKey('admin')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Start a retraining run (admin)',
    description:
      'With REDIS_URL the run is queued for the scheduler and workers; otherwise it runs inside this API process, one at a time. ' +
      'An active run of the same corpus, or an earlier request with the same idempotencyKey, answers instead of a new run (200).',
  })
  @ApiAcceptedResponse({ type: StartedPipelineRunDto, description: 'A new run was created' })
  @ApiOkResponse({ type: StartedPipelineRunDto, description: 'An existing run answers the request' })
  @ApiBadRequestResponse({ description: 'Invalid request' })
  @ApiUnauthorizedResponse({ description: 'Missing or invalid API key' })
  @ApiForbiddenResponse({ description: 'Not an admin key, or no admin key is configured' })
  @ApiConflictResponse({ description: 'Another run is executing inside this API process' })
  async start(@Body() body: StartPipelineRunDto, @Res({ passthrough: true }) res: ApiResponse): Promise<StartedPipelineRunDto> {
    let outcome;
    try {
      outcome = await this.launcher.launch(body);
    } catch (error) {
      if (error instanceof UsageError) throw new BadRequestException(error.message);
      if (error instanceof LauncherBusyError) throw new ConflictException(error.message);
      throw error;
    }
    if (!outcome.created) res.statusCode = 200;
    return { ...outcome, statusUrl: `/v1/pipeline/runs/${outcome.pipelineRunId}` };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status of a pipeline run: attempts, current stage and each stage’s progress' })
  @ApiOkResponse({ type: PipelineRunStatusDto })
  @ApiNotFoundResponse({ description: 'No run has this id' })
  async status(@Param('id') id: string): Promise<PipelineRunStatusDto> {
    if (!RUN_ID.test(id)) throw new BadRequestException('run id must be 1 to 36 letters, digits, "_" or "-"');
    let status: PipelineRunStatus;
    try {
      status = await pipelineRunStatus(this.database.ready(), id);
    } catch (error) {
      if (error instanceof UsageError) throw new NotFoundException(`Pipeline run ${id} does not exist`);
      throw error;
    }
    return toDto(status);
  }
}

function toDto(status: PipelineRunStatus): PipelineRunStatusDto {
  return {
    pipelineRunId: status.pipeline_run_id,
    corpus: status.corpus,
    trigger: status.trigger,
    status: status.status,
    attempt: status.attempt,
    maxAttempts: status.max_attempts,
    stage: status.stage,
    kpiOk: status.kpi_ok === null ? null : Boolean(status.kpi_ok),
    promoted: Boolean(status.promoted),
    modelVersion: status.model_version,
    c_v: status.c_v,
    error: status.error,
    createdAt: status.created_at,
    startedAt: status.started_at,
    finishedAt: status.finished_at,
    tasks: status.tasks.map((task) => ({
      attempt: task.attempt,
      stage: task.stage,
      status: task.status,
      progress: task.progress,
      error: task.error,
      startedAt: task.started_at,
      finishedAt: task.finished_at,
    })),
  };
}
