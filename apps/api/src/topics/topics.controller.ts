import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { integerParam } from '../common/id-param';
import { DatabaseState } from '../database/database-state';
import { ChampionHolder } from '../serving/champion-holder';
import { modelRef, servedModel } from '../serving/served-model';
import { documentSummaries } from './document-topics.reader';
import { prevalenceSeries } from './prevalence-series';
import { TopicAnalyticsService } from './topic-analytics.service';
import { sharesOf } from './topic-aggregates';
import { PrevalenceDto, TopicDetailDto, TopicDto, TopicListDto } from './topic-dtos';
import { PrevalenceQueryDto, TopicDetailQueryDto, TopicsQueryDto } from './topic-query.dto';

const DEFAULT_TOPN = 10;
const DEFAULT_LAMBDA = 1;
const DEFAULT_DOCUMENTS = 5;

@ApiTags('topics')
@Controller('v1/topics')
export class TopicsController {
  constructor(
    private readonly champion: ChampionHolder,
    private readonly analytics: TopicAnalyticsService,
    private readonly database: DatabaseState,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every topic of the served model: top words with relevance, and prevalence in the corpus' })
  @ApiOkResponse({ type: TopicListDto })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet' })
  async list(@Query() query: TopicsQueryDto): Promise<TopicListDto> {
    const serving = servedModel(this.champion);
    const lambda = query.lambda ?? DEFAULT_LAMBDA;
    const summaries = serving.bundle.topics(query.topn ?? DEFAULT_TOPN, lambda);
    // Words come from the model alone, so the list still answers while the database is unavailable.
    const aggregates = this.database.isReady() ? await this.analytics.aggregates(serving.version, serving.bundle.numTopics) : null;
    const documents = aggregates?.overall.documents ?? 0;
    const shares = aggregates && documents > 0 ? sharesOf(aggregates.overall) : null;
    const topics: TopicDto[] = summaries.map((summary) => ({
      topic: summary.topic,
      prevalence: shares ? shares[summary.topic] : summary.prevalence,
      prevalenceSource: shares ? 'documents' : 'model',
      words: summary.words,
    }));
    return { model: modelRef(serving), lambda, documents, topics };
  }

  @Get('prevalence')
  @ApiOperation({
    summary: 'Topic distribution over time and per publication, weighted by document length, with optional rolling means',
  })
  @ApiOkResponse({ type: PrevalenceDto })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet, or the database is not ready' })
  async prevalence(@Query() query: PrevalenceQueryDto): Promise<PrevalenceDto> {
    const serving = servedModel(this.champion);
    const by = query.by ?? 'year';
    if (by === 'publication' && query.rolling) {
      throw new BadRequestException('rolling applies to series over years: use by=year or by=year,publication');
    }
    this.database.ready();
    const aggregates = await this.analytics.aggregates(serving.version, serving.bundle.numTopics);
    return {
      model: modelRef(serving),
      by,
      rolling: query.rolling ?? null,
      numTopics: serving.bundle.numTopics,
      series: prevalenceSeries(aggregates, by, query.rolling),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One topic: top words with relevance, prevalence and the most representative documents' })
  @ApiOkResponse({ type: TopicDetailDto })
  @ApiNotFoundResponse({ description: 'The served model has no such topic' })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet, or the database is not ready' })
  async detail(@Param('id', integerParam('topic id')) id: number, @Query() query: TopicDetailQueryDto): Promise<TopicDetailDto> {
    const serving = servedModel(this.champion);
    const numTopics = serving.bundle.numTopics;
    if (id < 0 || id >= numTopics) throw new NotFoundException(`Topic ${id} does not exist: the served model has topics 0 to ${numTopics - 1}`);
    const lambda = query.lambda ?? DEFAULT_LAMBDA;
    const summary = serving.bundle.topic(id, query.topn ?? DEFAULT_TOPN, lambda);
    const ds = this.database.ready();
    const aggregates = await this.analytics.aggregates(serving.version, numTopics);
    const hasDocuments = aggregates.overall.documents > 0;
    const representative = aggregates.representative[id].slice(0, query.documents ?? DEFAULT_DOCUMENTS);
    const documents = await documentSummaries(
      ds,
      representative.map((doc) => doc.documentId),
    );
    return {
      model: modelRef(serving),
      lambda,
      topic: id,
      prevalence: hasDocuments ? sharesOf(aggregates.overall)[id] : summary.prevalence,
      prevalenceSource: hasDocuments ? 'documents' : 'model',
      words: summary.words,
      representativeDocuments: representative.flatMap(({ documentId, probability }) => {
        const document = documents.get(documentId);
        return document ? [{ ...document, probability }] : [];
      }),
    };
  }
}
