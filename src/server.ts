// The process: read the configuration, start one gateway, stop it cleanly on SIGINT/SIGTERM.
import { type Config, ConfigError, loadConfig } from './config.js';
import { startGateway } from './gateway.js';
import { createLogger } from './logger.js';

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
  logger.info({ url: `${gateway.url}/graphql` }, `Switchboard is serving GraphQL (and GraphiQL in a browser) at ${gateway.url}/graphql`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
