import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { RequiresKey } from '../security/access.decorator';
import { ApiKeyGuard } from '../security/api-key.guard';
import { PredictRequestDto } from './predict-request.dto';
import { PredictResponseDto } from './predict-response.dto';
import { PredictionsService } from './predictions.service';

@ApiTags('predictions')
@Controller('v1/predictions')
@UseGuards(ApiKeyGuard)
export class PredictionsController {
  constructor(private readonly predictions: PredictionsService) {}

  @Post()
  @HttpCode(200)
  @RequiresKey('predict')
  @ApiSecurity('api-key')
  @ApiOperation({
    summary: 'Topic mixture of one or more texts from the champion model',
    description: 'Each text goes through the exact pre-processing recorded with the model. An API key is needed when PREDICT_API_KEYS is configured.',
  })
  @ApiOkResponse({ type: PredictResponseDto })
  @ApiBadRequestResponse({ description: 'Empty or too long text, too many texts, wrong types or unknown fields' })
  @ApiServiceUnavailableResponse({ description: 'No champion model is loaded yet' })
  predict(@Body() body: PredictRequestDto): Promise<PredictResponseDto> {
    return this.predictions.predict(body);
  }
}
