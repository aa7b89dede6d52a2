import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ModelRefDto } from '../predictions/predict-response.dto';

export class TopicWordDto {
  @ApiProperty({ example: 'scuola' })
  word!: string;

  @ApiProperty({ example: 0.021, description: 'p(w|t)' })
  probability!: number;

  @ApiProperty({ example: -4.2, description: 'λ·log p(w|t) + (1-λ)·log(p(w|t)/p(w))' })
  relevance!: number;
}

export class TopicDto {
  @ApiProperty({ example: 4 })
  topic!: number;

  @ApiProperty({
    example: 0.071,
    description: 'Token-weighted share of the corpus (document_topics); the model’s own estimate when no document topics are stored',
  })
  prevalence!: number;

  @ApiProperty({ enum: ['documents', 'model'], example: 'documents' })
  prevalenceSource!: 'documents' | 'model';

  @ApiProperty({ type: [TopicWordDto] })
  words!: TopicWordDto[];
}

export class PublicationDto {
  @ApiProperty({ type: String, nullable: true, example: 'sn84037025' })
  ref!: string | null;

  @ApiProperty({ type: String, nullable: true, example: "L'Italia" })
  name!: string | null;
}

export class DocumentSummaryDto {
  @ApiProperty({ example: 1042 })
  id!: number;

  @ApiProperty({ example: 'chroniclitaly' })
  corpus!: string;

  @ApiProperty({ example: 'sn84037025/1917-03-01/ed-1/seq-1/ocr.txt' })
  sourceId!: string;

  @ApiProperty({ type: String, nullable: true, example: '1917-03-01' })
  date!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1917 })
  year!: number | null;

  @ApiProperty({ type: PublicationDto })
  publication!: PublicationDto;

  @ApiProperty({ example: 'La colonia italiana di San Francisco…' })
  excerpt!: string;
}

export class RepresentativeDocumentDto extends DocumentSummaryDto {
  @ApiProperty({ example: 0.93, description: 'Probability of the topic in this document' })
  probability!: number;
}

export class TopicListDto {
  @ApiProperty({ type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ example: 1 })
  lambda!: number;

  @ApiProperty({ example: 1820, description: 'Documents with stored topic distributions for this version' })
  documents!: number;

  @ApiProperty({ type: [TopicDto] })
  topics!: TopicDto[];
}

export class TopicDetailDto extends TopicDto {
  @ApiProperty({ type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ example: 1 })
  lambda!: number;

  @ApiProperty({ type: [RepresentativeDocumentDto] })
  representativeDocuments!: RepresentativeDocumentDto[];
}

export class PrevalencePointDto {
  @ApiPropertyOptional({ example: 1917 })
  year?: number;

  @ApiPropertyOptional({ type: PublicationDto })
  publication?: PublicationDto;

  @ApiProperty({ example: 42 })
  documents!: number;

  @ApiProperty({ example: 51234, description: 'Tokens of these documents (the weights)' })
  weight!: number;

  @ApiProperty({ type: [Number], description: 'Token-weighted topic distribution, indexed by topic' })
  shares!: number[];

  @ApiPropertyOptional({ type: [Number], description: 'Pooled over the rolling window of calendar years ending here' })
  rollingShares?: number[];
}

export class PrevalenceDto {
  @ApiProperty({ type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ enum: ['year', 'publication', 'year,publication'] })
  by!: string;

  @ApiProperty({ type: Number, nullable: true, example: 3 })
  rolling!: number | null;

  @ApiProperty({ example: 20 })
  numTopics!: number;

  @ApiProperty({ type: [PrevalencePointDto] })
  series!: PrevalencePointDto[];
}
