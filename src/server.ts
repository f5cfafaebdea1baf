// The process: read the configuration, start one gateway, stop it cleanly on SIGINT/SIGTERM.
import { type Config, ConfigError, loadConfig } from './config.js';
import { startGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { featureSummary } from './startup.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => {
    logger.error({ reason: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection (the process keeps serving)');
  });

  // A long-running process keeps no log of simulator requests (tests do, to assert on them).
  const gateway = await startGateway({ config, logger, simulators: { recordRequests: false } });
  const graphiql = config.graphiql ? ' (and GraphiQL in a browser)' : '';
  const { on, off } = featureSummary(config, gateway);
  logger.info(
    { url: `${gateway.url}/graphql`, on, off },
    `Switchboard is serving GraphQL${graphiql} at ${gateway.url}/graphql; on: ${on.join('; ')}; off: ${off.join(', ') || 'nothing'}`,
  );
  const configured = Object.values(config.upstreams).some((u) => u.url !== undefined);
  if (!config.production && configured && config.auth.jwtSecret === undefined) {
    logger.warn(
      'development mode with real upstreams and no AUTH_JWT_SECRET: anyone who can reach this address may call them through it (set AUTH_JWT_SECRET, or run npm run start:production)',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: readiness off, finishing what is in flight');
    // Writes what is still pending: pino-pretty's buffer at a terminal, this turn's JSON lines otherwise.
    const exit = (code: number) => {
      logger.flush();
      process.exit(code);
    };
    const since = Date.now();
    gateway.close().then(
      () => {
        logger.info({ signal, tookMs: Date.now() - since }, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
