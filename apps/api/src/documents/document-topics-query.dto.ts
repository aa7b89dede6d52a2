import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { MAX_TOP_WORDS } from '../predictions/predict-request.dto';

export class DocumentTopicsQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.01, description: 'Topics below this probability are left out' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minimumProbability must be a number' })
  @Min(0, { message: 'minimumProbability must be at least 0' })
  @Max(1, { message: 'minimumProbability must be at most 1' })
  minimumProbability?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_TOP_WORDS, default: 10, description: 'Top words listed per topic' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'topWords must be an integer' })
  @Min(0, { message: 'topWords must be at least 0' })
  @Max(MAX_TOP_WORDS, { message: `topWords must be at most ${MAX_TOP_WORDS}` })
  topWords?: number;
}
