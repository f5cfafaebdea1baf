// The process's pino logger. Credentials never reach it: upstream headers are not logged, and the
// paths that could carry them are redacted as a second guard.
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'switchboard' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
    },
    destination ?? standardOutput(),
  );
  if (!destination) setInterval(() => logger.flush(), 1000).unref();
  return logger;
}

/**
 * A person at a terminal reads coloured lines (pino-pretty); anything else gets JSON, in batches of
 * 8 KB written asynchronously: a write per line cost the gateway a fifth of its throughput
 * (npm run bench, LOG_LEVEL=info against silent). Flushed every second and on exit.
 */
function standardOutput(): DestinationStream {
  if (process.stdout.isTTY) {
    // Loaded only for a terminal: a server's output is not one.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    return pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' });
  }
  return pino.destination({ sync: false, minLength: 8192 });
}
