import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';

export interface DescribedError {
  statusCode: number;
  message: string;
  details?: string[];
}

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Partial<BodyParserError>).type === 'string' &&
    typeof (error as Partial<BodyParserError>).status === 'number'
  );
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is larger than the configured limit (BODY_LIMIT)',
  'encoding.unsupported': 'The request body encoding is not supported; send UTF-8 JSON',
  'charset.unsupported': 'The request body charset is not supported; send UTF-8 JSON',
  'request.aborted': 'The request was aborted by the client',
};

export const RATE_LIMITED_MESSAGE = 'Too many requests: the rate limit is RATE_LIMIT_PER_MINUTE per client';
export const UNEXPECTED_MESSAGE = 'Unexpected error; quote the requestId when reporting it';

/** Status and words for any error: HTTP exceptions as they are, body-parser errors by type, anything else 500. */
export function describeException(exception: unknown): DescribedError {
  if (exception instanceof ThrottlerException) return { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: RATE_LIMITED_MESSAGE };
  if (exception instanceof HttpException) return { statusCode: exception.getStatus(), ...messageOf(exception) };
  if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
    return { statusCode: exception.status, message: BODY_PARSER_MESSAGES[exception.type] ?? 'The request body could not be read' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: UNEXPECTED_MESSAGE };
}

function messageOf(exception: HttpException): { message: string; details?: string[] } {
  const response = exception.getResponse();
  if (typeof response === 'string') return { message: response };
  const body = response as { message?: unknown; details?: unknown };
  if (Array.isArray(body.message)) {
    const details = body.message.map(String);
    return { message: details.length === 1 ? details[0] : `${details.length} problems with the request`, details };
  }
  const details = Array.isArray(body.details) ? body.details.map(String) : undefined;
  return { message: typeof body.message === 'string' ? body.message : exception.message, details };
}
