import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

export const MAX_TOP_WORDS = 50;
export const DEFAULT_MINIMUM_PROBABILITY = 0.01;
export const DEFAULT_TOP_WORDS = 10;

export class PredictRequestDto {
  @ApiPropertyOptional({
    description: 'One text to analyse (send either `text` or `texts`).',
    example: 'Il consiglio comunale ha discusso la nuova scuola italiana e il lavoro degli emigranti.',
  })
  @IsOptional()
  @IsString({ message: 'text must be a string' })
  text?: string;

  @ApiPropertyOptional({
    description: 'Several texts to analyse in one call (at most MAX_BATCH_TEXTS).',
    type: [String],
    example: ['La società di mutuo soccorso ha eletto il nuovo presidente.', 'Il piroscafo è arrivato a New York.'],
  })
  @IsOptional()
  @IsArray({ message: 'texts must be an array of strings' })
  @ArrayNotEmpty({ message: 'texts must not be empty' })
  @IsString({ each: true, message: 'each item of texts must be a string' })
  texts?: string[];

  @ApiPropertyOptional({
    description: 'Topics below this probability are left out of each distribution.',
    minimum: 0,
    maximum: 1,
    default: 0.01,
    example: 0.05,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minimumProbability must be a number' })
  @Min(0, { message: 'minimumProbability must be at least 0' })
  @Max(1, { message: 'minimumProbability must be at most 1' })
  minimumProbability?: number;

  @ApiPropertyOptional({ description: 'Top words listed per topic.', minimum: 0, maximum: MAX_TOP_WORDS, default: 10, example: 8 })
  @IsOptional()
  @IsInt({ message: 'topWords must be an integer' })
  @Min(0, { message: 'topWords must be at least 0' })
  @Max(MAX_TOP_WORDS, { message: `topWords must be at most ${MAX_TOP_WORDS}` })
  topWords?: number;
}
