import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class KpiQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Newest records first, at most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  @ApiPropertyOptional({ example: '3', description: 'Only the records of this model version' })
  @IsOptional()
  @IsString({ message: 'version must be a string' })
  @Matches(/^[\w.-]{1,64}$/, { message: 'version may hold only letters, digits, ".", "_" and "-" (at most 64)' })
  version?: string;
}

export class KpiRecordDto {
  @ApiProperty({ example: 12 })
  id!: number;

  @ApiProperty({ type: String, nullable: true, example: '3' })
  modelVersion!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'a1b2c3d4e5f6' })
  runId!: string | null;

  @ApiProperty({ example: 'chroniclitaly' })
  corpus!: string;

  @ApiProperty({ example: 0.47 })
  c_v!: number;

  @ApiProperty({ type: Number, nullable: true, example: -2.1 })
  u_mass!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.05 })
  c_npmi!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: -7.9 })
  log_perplexity!: number | null;

  @ApiProperty({ example: 0.38, description: 'The c_v threshold the model was held to' })
  threshold!: number;

  @ApiProperty({ example: true })
  kpiOk!: boolean;

  @ApiProperty({ example: true })
  promoted!: boolean;

  @ApiProperty({ example: '2025-11-26T10:00:00.000Z' })
  createdAt!: string;
}

export class KpiHistoryDto {
  @ApiProperty({ example: 'topicops-lda' })
  modelName!: string;

  @ApiProperty({ type: [KpiRecordDto] })
  records!: KpiRecordDto[];
}
