import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PREVALENCE_GROUPINGS, PrevalenceGrouping } from './prevalence-series';
import { MAX_REPRESENTATIVE_DOCUMENTS } from './topic-analytics.service';

export class TopicsQueryDto {
  @ApiPropertyOptional({ description: 'Words listed per topic', minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'topn must be an integer' })
  @Min(1, { message: 'topn must be at least 1' })
  @Max(100, { message: 'topn must be at most 100' })
  topn?: number;

  @ApiPropertyOptional({
    description: 'Relevance weight λ (pyLDAvis): λ·log p(w|t) + (1-λ)·log(p(w|t)/p(w)); 1 ranks by probability, lower favours words specific to the topic',
    minimum: 0,
    maximum: 1,
    default: 1,
    example: 0.6,
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lambda must be a number' })
  @Min(0, { message: 'lambda must be at least 0' })
  @Max(1, { message: 'lambda must be at most 1' })
  lambda?: number;
}

export class TopicDetailQueryDto extends TopicsQueryDto {
  @ApiPropertyOptional({ description: 'Most representative documents listed', minimum: 0, maximum: MAX_REPRESENTATIVE_DOCUMENTS, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'documents must be an integer' })
  @Min(0, { message: 'documents must be at least 0' })
  @Max(MAX_REPRESENTATIVE_DOCUMENTS, { message: `documents must be at most ${MAX_REPRESENTATIVE_DOCUMENTS}` })
  documents?: number;
}

export class PrevalenceQueryDto {
  @ApiPropertyOptional({ enum: PREVALENCE_GROUPINGS, default: 'year' })
  @IsOptional()
  @IsIn(PREVALENCE_GROUPINGS, { message: `by must be one of ${PREVALENCE_GROUPINGS.join(', ')}` })
  by?: PrevalenceGrouping;

  @ApiPropertyOptional({ description: 'Also give rolling means over this many calendar years (by=year or year,publication)', minimum: 1, maximum: 100, example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'rolling must be an integer' })
  @Min(1, { message: 'rolling must be at least 1' })
  @Max(100, { message: 'rolling must be at most 100' })
  rolling?: number;
}
