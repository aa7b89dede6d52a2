import { UsageError } from '@topicops/config';
import { resolveSearchSpace } from '../search-space';
import { PIPELINE_TRIGGERS, PipelineRequest, PipelineRunParams } from './types';

export const DEFAULT_MAX_ATTEMPTS = 3;
const MAX_ATTEMPTS_LIMIT = 50;
const FORMATS = ['auto', 'chroniclitaly', 'csv', 'jsonl', 'sotu'] as const;

export interface ValidatedRequest {
  corpus: string;
  trigger: PipelineRequest['trigger'];
  maxAttempts: number;
  idempotencyKey: string | null;
  params: PipelineRunParams;
}

/** Checks a request before anything is written; every problem is reported at once as a UsageError. */
export function validatePipelineRequest(request: PipelineRequest): ValidatedRequest {
  const problems: string[] = [];
  const corpus = typeof request.corpus === 'string' ? request.corpus.trim() : '';
  if (!corpus || corpus.length > 128) problems.push('corpus must be a name of 1 to 128 characters');
  if (!PIPELINE_TRIGGERS.includes(request.trigger))
    problems.push(`trigger must be one of ${PIPELINE_TRIGGERS.join(', ')}`);
  const maxAttempts = request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    problems.push(`max attempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`);
  }
  const idempotencyKey = request.idempotencyKey?.trim() || null;
  if (idempotencyKey && idempotencyKey.length > 191) problems.push('idempotency key must be at most 191 characters');
  if (request.format !== undefined && !(FORMATS as readonly string[]).includes(request.format)) {
    problems.push(`format must be one of ${FORMATS.join(', ')}`);
  }
  for (const key of ['source', 'publications', 'stopwordsFile'] as const) {
    const value = request[key];
    if (value !== undefined && (typeof value !== 'string' || !value.trim()))
      problems.push(`${key} must be a non-empty path`);
  }
  if (request.searchSpace !== undefined) {
    try {
      resolveSearchSpace(request.searchSpace);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (request.lda !== undefined) {
    for (const [key, value] of Object.entries(request.lda)) {
      if (!['iterations', 'chunksize'].includes(key))
        problems.push(`lda option "${key}" is not supported (iterations, chunksize)`);
      else if (!Number.isInteger(value) || (value as number) < 1)
        problems.push(`lda.${key} must be a positive integer`);
    }
  }
  if (problems.length) throw new UsageError(`invalid pipeline request: ${problems.join('; ')}`);
  const params: PipelineRunParams = {
    ...(request.source ? { source: request.source } : {}),
    ...(request.format ? { format: request.format } : {}),
    ...(request.publications ? { publications: request.publications } : {}),
    ...(request.stopwordsFile ? { stopwordsFile: request.stopwordsFile } : {}),
    ...(request.searchSpace ? { searchSpace: request.searchSpace } : {}),
    ...(request.lda ? { lda: request.lda } : {}),
  };
  return { corpus, trigger: request.trigger, maxAttempts, idempotencyKey, params };
}
