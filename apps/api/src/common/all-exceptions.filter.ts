import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@topicops/config';
import { sendError } from './api-error';
import { describeException } from './describe-exception';
import { ApiRequest, ApiResponse, requestIdOf } from './http-types';

/** Turns every error into the ApiErrorBody shape; unexpected ones become 500 with the request id only. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    respondWithError(http.getRequest<ApiRequest>(), http.getResponse<ApiResponse>(), exception, this.logger);
  }
}

/** The filter's work, shared with the predictions fast lane: log server errors, answer with the error body. */
export function respondWithError(req: ApiRequest, res: ApiResponse, exception: unknown, logger: Logger): void {
  const requestId = requestIdOf(req);
  const { statusCode, message, details } = describeException(exception);
  if (statusCode >= 500) logger.error({ err: exception, requestId, url: req.originalUrl ?? req.url }, 'request failed');
  if (res.headersSent) {
    res.end();
    return;
  }
  sendError(res, statusCode, message, requestId, details);
}
