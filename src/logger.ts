// The process's pino logger. Credentials never reach it: upstream headers are not logged, and the
// paths that could carry them are redacted as a second guard.
import pino, { type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'switchboard' },
      // Every line written while serving a request names it, whatever code writes the line.
      mixin: () => {
        const requestId = requestContext.getStore()?.requestId;
        return requestId ? { requestId } : {};
      },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
    },
    destination,
  );
}
