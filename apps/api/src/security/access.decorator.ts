import { SetMetadata } from '@nestjs/common';
import type { AccessLevel } from './api-key-store';

export const ACCESS_LEVEL = 'topicops:access-level';

/** Marks a handler as needing an API key of this level (see ApiKeyGuard). */
export const RequiresKey = (level: AccessLevel) => SetMetadata(ACCESS_LEVEL, level);
