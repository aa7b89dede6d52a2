import { UsageError } from '@topicops/config';

/** Invalid topics, texts or options. A UsageError, so CLI commands report it without a stack trace. */
export class CoherenceInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'CoherenceInputError';
  }
}
