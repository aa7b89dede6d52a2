import type { AppConfig } from '@topicops/config';

/** The part of the configuration the request handlers read; a class so Nest can inject it. */
export class ApiSettings {
  readonly modelName: string;
  readonly maxBatchTexts: number;
  readonly maxTextChars: number;
  readonly redisUrl: string | undefined;

  constructor(config: AppConfig) {
    this.modelName = config.modelName;
    this.maxBatchTexts = config.maxBatchTexts;
    this.maxTextChars = config.maxTextChars;
    this.redisUrl = config.redisUrl;
  }
}
