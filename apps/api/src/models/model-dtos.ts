import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ModelKpiDto {
  @ApiProperty({ type: Number, nullable: true, example: 0.47 })
  c_v!: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: -2.1 })
  u_mass?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 0.05 })
  c_npmi?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: -7.9 })
  log_perplexity?: number | null;
}

export class CurrentModelDto {
  @ApiProperty({ example: 'topicops-lda' })
  name!: string;

  @ApiProperty({ example: '3' })
  version!: string;

  @ApiProperty({ example: 20 })
  numTopics!: number;

  @ApiProperty({ example: 8000 })
  numTerms!: number;

  @ApiProperty({ type: ModelKpiDto })
  kpi!: ModelKpiDto;

  @ApiProperty({ description: 'Training parameters as logged to the tracking server', example: { num_topics: 20, passes: 10, seed: 1 } })
  params!: Record<string, string | number | boolean | null>;

  @ApiProperty({ example: 'chroniclitaly' })
  corpus!: string;

  @ApiProperty({ example: '5b0c…', description: 'sha256 of the training corpus content' })
  corpusDigest!: string;

  @ApiProperty({ example: 4 })
  preprocessingVersion!: number;

  @ApiProperty({ example: 'a1b2c3d4e5f6' })
  runId!: string;

  @ApiProperty({ example: '2025-11-26T10:00:00.000Z' })
  trainedAt!: string;

  @ApiProperty({ example: '2025-11-26T10:05:00.000Z', description: 'When this API process started serving it' })
  loadedAt!: string;
}

export class ModelVersionDto {
  @ApiProperty({ example: '3' })
  version!: string;

  @ApiProperty({ example: 'READY' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, example: 'a1b2c3d4e5f6' })
  runId!: string | null;

  @ApiProperty({ type: [String], example: ['champion'] })
  aliases!: string[];

  @ApiProperty({ example: '2025-11-26T10:00:00.000Z' })
  createdAt!: string;
}

export class ModelListDto {
  @ApiProperty({ example: 'topicops-lda' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '3', description: 'Version the champion alias points at' })
  champion!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '3', description: 'Version this API process is serving' })
  serving!: string | null;

  @ApiProperty({ type: [ModelVersionDto] })
  versions!: ModelVersionDto[];
}
