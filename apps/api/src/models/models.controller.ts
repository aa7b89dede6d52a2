import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ModelVersion, ResourceDoesNotExistError, TrackingClient } from '@topicops/tracking';
import { ApiSettings } from '../app/api-settings';
import { ChampionHolder } from '../serving/champion-holder';
import { servedModel } from '../serving/served-model';
import { TRACKING_CLIENT } from '../serving/tracking-token';
import { CurrentModelDto, ModelListDto } from './model-dtos';

const CHAMPION = 'champion';

@ApiTags('models')
@Controller('v1/models')
export class ModelsController {
  constructor(
    private readonly champion: ChampionHolder,
    @Inject(TRACKING_CLIENT) private readonly tracking: TrackingClient,
    private readonly settings: ApiSettings,
  ) {}

  @Get('current')
  @ApiOperation({ summary: 'The champion model this process serves: version, K, KPI values, training parameters, corpus digest' })
  @ApiOkResponse({ type: CurrentModelDto })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet' })
  current(): CurrentModelDto {
    const serving = servedModel(this.champion);
    const info = serving.bundle.info;
    return {
      name: info.name,
      version: serving.version,
      numTopics: info.num_topics,
      numTerms: info.num_terms,
      kpi: info.kpi,
      params: info.params,
      corpus: info.corpus,
      corpusDigest: info.corpus_digest,
      preprocessingVersion: info.preprocessing_version,
      runId: info.run_id,
      trainedAt: info.trained_at,
      loadedAt: serving.loadedAt.toISOString(),
    };
  }

  @Get()
  @ApiOperation({ summary: 'Registered versions of the model and which one is champion' })
  @ApiOkResponse({ type: ModelListDto })
  @ApiServiceUnavailableResponse({ description: 'The model registry is unreachable' })
  async list(): Promise<ModelListDto> {
    const name = this.settings.modelName;
    let versions: ModelVersion[];
    let champion: ModelVersion | null;
    try {
      [versions, champion] = await Promise.all([this.tracking.listModelVersions(name), this.tracking.getAlias(name, CHAMPION)]);
    } catch (error) {
      // Nothing registered yet is an empty list, not an outage.
      if (!(error instanceof ResourceDoesNotExistError)) {
        throw new ServiceUnavailableException(`The model registry is unreachable (${error instanceof Error ? error.message : String(error)})`);
      }
      versions = [];
      champion = null;
    }
    return {
      name,
      champion: champion?.version ?? null,
      serving: this.champion.current()?.version ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status,
        runId: v.runId,
        aliases: v.aliases,
        createdAt: new Date(v.creationTimestamp).toISOString(),
      })),
    };
  }
}
