import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DocumentEntity, DocumentTopicsEntity } from '@topicops/corpus';
import { ApiSettings } from '../app/api-settings';
import { integerParam } from '../common/id-param';
import { DatabaseState } from '../database/database-state';
import { DEFAULT_MINIMUM_PROBABILITY, DEFAULT_TOP_WORDS } from '../predictions/predict-request.dto';
import { toTextPrediction } from '../predictions/text-prediction';
import { ChampionHolder, ServingModel } from '../serving/champion-holder';
import { modelRef, servedModel } from '../serving/served-model';
import { summaryOf } from '../topics/document-topics.reader';
import { DocumentTopicsQueryDto } from './document-topics-query.dto';
import { DocumentTopicsDto } from './document-topics.dto';

@ApiTags('documents')
@Controller('v1/documents')
export class DocumentsController {
  constructor(
    private readonly champion: ChampionHolder,
    private readonly database: DatabaseState,
    private readonly settings: ApiSettings,
  ) {}

  @Get(':id/topics')
  @ApiOperation({
    summary: 'Topic distribution of a stored document under the served model',
    description: 'Read from document_topics when the pipeline stored it for this model version, otherwise inferred now from the document text.',
  })
  @ApiOkResponse({ type: DocumentTopicsDto })
  @ApiNotFoundResponse({ description: 'No document has this id' })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet, or the database is not ready' })
  async topics(@Param('id', integerParam('document id')) id: number, @Query() query: DocumentTopicsQueryDto): Promise<DocumentTopicsDto> {
    const serving = servedModel(this.champion);
    const ds = this.database.ready();
    const document = await ds.getRepository(DocumentEntity).findOne({ where: { id } });
    if (!document) throw new NotFoundException(`Document ${id} does not exist`);
    const minimumProbability = query.minimumProbability ?? DEFAULT_MINIMUM_PROBABILITY;
    const topWords = query.topWords ?? DEFAULT_TOP_WORDS;
    const stored = await ds.getRepository(DocumentTopicsEntity).findOne({
      where: { modelName: this.settings.modelName, modelVersion: serving.version, documentId: id },
    });
    const base = { model: modelRef(serving), document: summaryOf(document) };
    if (stored && stored.theta.length === serving.bundle.numTopics) {
      return { ...base, source: 'stored', topics: topicsFromTheta(serving, stored.theta, minimumProbability, topWords), dominantTopic: stored.dominantTopic, tokens: stored.weight };
    }
    const [prediction] = await serving.predict([document.text], { minimumProbability, topWords });
    return { ...base, source: 'inferred', ...toTextPrediction(prediction) };
  }
}

function topicsFromTheta(serving: ServingModel, theta: number[], minimumProbability: number, topWords: number) {
  return theta
    .map((probability, topic) => ({ topic, probability }))
    .filter(({ probability }) => probability >= minimumProbability)
    .sort((a, b) => b.probability - a.probability)
    .map(({ topic, probability }) => ({ topic, probability, words: serving.topWords(topic, topWords) }));
}
