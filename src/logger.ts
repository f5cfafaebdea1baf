// The process's pino logger. Credentials never reach it: upstream headers are not logged, and the
// paths that could carry them are redacted as a second guard. Lines about a request come from a
// child logger that carries its requestId (see yoga.ts).
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'switchboard' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
    },
    // Standard output in batches of 8 KB, written asynchronously: a write per line cost the gateway a fifth
    // of its throughput (npm run bench, LOG_LEVEL=info against silent). Flushed every second and on exit.
    destination ?? pino.destination({ sync: false, minLength: 8192 }),
  );
  if (!destination) setInterval(() => logger.flush(), 1000).unref();
  return logger;
}
