// The process's pino logger. Credentials never reach it: upstream headers are not logged, and the
// paths that could carry them are redacted as a second guard.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'switchboard' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
  });
}
