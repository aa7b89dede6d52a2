import { BadRequestException } from '@nestjs/common';
import type { PredictRequestDto } from './predict-request.dto';

export interface PredictionLimits {
  maxBatchTexts: number;
  maxTextChars: number;
}

/** The texts of a request, after the checks that depend on configuration (the DTO checks the types). */
export function textsOf(body: PredictRequestDto, limits: PredictionLimits): string[] {
  const hasText = body.text !== undefined;
  const hasTexts = body.texts !== undefined;
  if (hasText === hasTexts) {
    throw new BadRequestException(hasText ? 'Send either text or texts, not both' : 'Send the text to analyse as text, or several as texts');
  }
  const texts = hasText ? [body.text as string] : (body.texts as string[]);
  if (texts.length > limits.maxBatchTexts) {
    throw new BadRequestException(`texts holds ${texts.length} items; at most ${limits.maxBatchTexts} are allowed per request (MAX_BATCH_TEXTS)`);
  }
  const problems: string[] = [];
  texts.forEach((text, i) => {
    const label = hasText ? 'text' : `texts[${i}]`;
    if (!/\S/.test(text)) problems.push(`${label} is empty`);
    else if (text.length > limits.maxTextChars) {
      problems.push(`${label} has ${text.length} characters; at most ${limits.maxTextChars} are allowed (MAX_TEXT_CHARS)`);
    }
  });
  if (problems.length) {
    throw new BadRequestException({ message: problems.length === 1 ? problems[0] : `${problems.length} texts are not acceptable`, details: problems });
  }
  return texts;
}
