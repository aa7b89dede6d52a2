import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const FORMATS = ['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const;

export class SearchSpaceDto {
  @ApiPropertyOptional({ type: [Number], example: [20, 15, 25], description: 'Topic counts tried by successive attempts' })
  @IsOptional()
  @IsArray({ message: 'searchSpace.topics must be an array of integers' })
  @IsInt({ each: true, message: 'searchSpace.topics must hold integers' })
  @Min(2, { each: true, message: 'searchSpace.topics must be at least 2' })
  @Max(500, { each: true, message: 'searchSpace.topics must be at most 500' })
  topics?: number[];

  @ApiPropertyOptional({ type: [Number], example: [10, 20] })
  @IsOptional()
  @IsArray({ message: 'searchSpace.passes must be an array of integers' })
  @IsInt({ each: true, message: 'searchSpace.passes must hold integers' })
  @Min(1, { each: true, message: 'searchSpace.passes must be at least 1' })
  @Max(1000, { each: true, message: 'searchSpace.passes must be at most 1000' })
  passes?: number[];

  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3] })
  @IsOptional()
  @IsArray({ message: 'searchSpace.seeds must be an array of integers' })
  @IsInt({ each: true, message: 'searchSpace.seeds must hold integers' })
  seeds?: number[];
}

export class StartPipelineRunDto {
  @ApiProperty({ example: 'chroniclitaly', description: 'Corpus to (re)train on' })
  @IsString({ message: 'corpus must be a string' })
  @MinLength(1, { message: 'corpus must not be empty' })
  @MaxLength(128, { message: 'corpus must be at most 128 characters' })
  corpus!: string;

  @ApiPropertyOptional({
    example: '/data/incoming/chroniclitaly',
    description: 'Folder or file on the server ingested at the start of every attempt; without it the stored corpus is used',
  })
  @IsOptional()
  @IsString({ message: 'source must be a string' })
  @MinLength(1, { message: 'source must not be empty' })
  @MaxLength(4096, { message: 'source must be at most 4096 characters' })
  source?: string;

  @ApiPropertyOptional({ enum: FORMATS })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: (typeof FORMATS)[number];

  @ApiPropertyOptional({ example: '/data/publications.csv', description: 'CSV lccn,title naming the publications' })
  @IsOptional()
  @IsString({ message: 'publications must be a string' })
  @MinLength(1, { message: 'publications must not be empty' })
  publications?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 3, description: 'Training attempts before giving up on the KPI' })
  @IsOptional()
  @IsInt({ message: 'maxAttempts must be an integer' })
  @Min(1, { message: 'maxAttempts must be at least 1' })
  @Max(50, { message: 'maxAttempts must be at most 50' })
  maxAttempts?: number;

  @ApiPropertyOptional({ example: 'nightly-2025-11-26', description: 'Same key, same run: a repeated request returns the first run' })
  @IsOptional()
  @IsString({ message: 'idempotencyKey must be a string' })
  @Matches(/^[\w.:-]{1,191}$/, { message: 'idempotencyKey may hold letters, digits, ".", "_", ":" and "-" (at most 191)' })
  idempotencyKey?: string;

  @ApiPropertyOptional({ type: SearchSpaceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchSpaceDto)
  searchSpace?: SearchSpaceDto;
}

export class StartedPipelineRunDto {
  @ApiProperty({ example: '7d9f3f0e-5b1c-4b7e-9a53-0c2f1f7e9d11' })
  pipelineRunId!: string;

  @ApiProperty({ example: true, description: 'False when an existing run answers the request' })
  created!: boolean;

  @ApiProperty({ enum: ['created', 'duplicate', 'corpus_busy'], description: 'duplicate: same idempotency key; corpus_busy: the corpus already has an active run' })
  reason!: 'created' | 'duplicate' | 'corpus_busy';

  @ApiProperty({ enum: ['queue', 'in-process'], description: 'queue: handed to the scheduler through Redis; in-process: runs inside this API process' })
  mode!: 'queue' | 'in-process';

  @ApiProperty({ example: '/v1/pipeline/runs/7d9f3f0e-5b1c-4b7e-9a53-0c2f1f7e9d11' })
  statusUrl!: string;
}

export class PipelineTaskDto {
  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty({ enum: ['ingest', 'preprocess', 'train', 'evaluate'] })
  stage!: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] })
  status!: string;

  @ApiProperty({ example: 0.4, description: 'Fraction done, 0 to 1' })
  progress!: number;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ type: String, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;
}

export class PipelineRunStatusDto {
  @ApiProperty({ example: '7d9f3f0e-5b1c-4b7e-9a53-0c2f1f7e9d11' })
  pipelineRunId!: string;

  @ApiProperty({ example: 'chroniclitaly' })
  corpus!: string;

  @ApiProperty({ example: 'api' })
  trigger!: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed', 'failed_kpi', 'cancelled'] })
  status!: string;

  @ApiProperty({ example: 1, description: 'Current attempt (0 while queued)' })
  attempt!: number;

  @ApiProperty({ example: 3 })
  maxAttempts!: number;

  @ApiProperty({ type: String, nullable: true, example: 'train' })
  stage!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  kpiOk!: boolean | null;

  @ApiProperty()
  promoted!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '4' })
  modelVersion!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.45 })
  c_v!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: [PipelineTaskDto] })
  tasks!: PipelineTaskDto[];
}
