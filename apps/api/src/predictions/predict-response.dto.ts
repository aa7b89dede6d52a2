import { ApiProperty } from '@nestjs/swagger';

export class ModelRefDto {
  @ApiProperty({ example: 'topicops-lda' })
  name!: string;

  @ApiProperty({ example: '3', description: 'Registry version that answered.' })
  version!: string;
}

export class TopicShareDto {
  @ApiProperty({ example: 4 })
  topic!: number;

  @ApiProperty({ example: 0.62 })
  probability!: number;

  @ApiProperty({ type: [String], example: ['scuola', 'maestro', 'classe', 'studenti'] })
  words!: string[];
}

export class TextPredictionDto {
  @ApiProperty({ type: [TopicShareDto], description: 'Topic distribution, most probable first.' })
  topics!: TopicShareDto[];

  @ApiProperty({ type: Number, nullable: true, example: 4, description: 'null when no word of the text is in the model vocabulary.' })
  dominantTopic!: number | null;

  @ApiProperty({ example: 152, description: 'Tokens of the text that the model knows.' })
  tokens!: number;
}

export class PredictResponseDto {
  @ApiProperty({ type: ModelRefDto })
  model!: ModelRefDto;

  @ApiProperty({ type: [TextPredictionDto], description: 'One entry per input text, in input order.' })
  predictions!: TextPredictionDto[];
}
