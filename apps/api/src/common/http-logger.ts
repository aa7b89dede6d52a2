import type { Logger } from '@topicops/config';
import type { Options } from 'pino-http';
import { requestIdFor } from './request-id';

const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** pino-http options of every request log line (Nest's LoggerModule and the predictions fast lane). */
export function httpLoggerOptions(logger: Logger): Options {
  return {
    logger,
    genReqId: requestIdFor,
    autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
