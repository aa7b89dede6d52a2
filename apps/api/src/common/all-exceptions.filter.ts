import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Logger } from '@topicops/config';
import { apiErrorBody } from './api-error';
import { ApiRequest, ApiResponse, requestIdOf } from './http-types';

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

/** Turns every error into the ApiErrorBody shape; unexpected ones become 500 with the request id only. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<ApiRequest>();
    const res = http.getResponse<ApiResponse>();
    const requestId = requestIdOf(req);
    const { statusCode, message, details } = this.describe(exception);
    if (statusCode >= 500) {
      this.logger.error({ err: exception, requestId, url: req.originalUrl ?? req.url }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.statusCode = statusCode;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(apiErrorBody(statusCode, message, requestId, details)));
  }

  private describe(exception: unknown): { statusCode: number; message: string; details?: string[] } {
    if (exception instanceof ThrottlerException) {
      return { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: 'Too many requests: the rate limit is RATE_LIMIT_PER_MINUTE per client' };
    }
    if (exception instanceof HttpException) {
      return { statusCode: exception.getStatus(), ...messageOf(exception) };
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      return { statusCode: exception.status, message: BODY_PARSER_MESSAGES[exception.type] ?? 'The request body could not be read' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Unexpected error; quote the requestId when reporting it' };
  }
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
