import { ApiProperty } from '@nestjs/swagger';
import { ModelRefDto, TopicShareDto } from '../predictions/predict-response.dto';
import { DocumentSummaryDto } from '../topics/topic-dtos';

export class DocumentTopicsDto {
  @ApiProperty({ type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ type: DocumentSummaryDto })
  document!: DocumentSummaryDto;

  @ApiProperty({
    enum: ['stored', 'inferred'],
    description: 'stored: written by the pipeline for this model version; inferred: computed now from the document text',
  })
  source!: 'stored' | 'inferred';

  @ApiProperty({ type: [TopicShareDto], description: 'Topic distribution, most probable first' })
  topics!: TopicShareDto[];

  @ApiProperty({ type: Number, nullable: true, example: 4 })
  dominantTopic!: number | null;

  @ApiProperty({ example: 812, description: 'Tokens of the document the model knows (its weight in corpus shares)' })
  tokens!: number;
}
