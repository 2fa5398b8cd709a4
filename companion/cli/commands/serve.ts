import { resolveConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startCompanion } from '../../server.ts';
import { parseOptions, type Command } from '../command.ts';
import { onStopSignal } from '../on-stop-signal.ts';

export const serveCommand: Command = {
  summary: 'run the companion server',
  help: `Usage: s3keys-companion serve [--data DIR] [--database-url URL] [--host H] [--port N] [--config FILE]
                              [--tls-cert FILE --tls-key FILE]
  --data DIR     data directory (default ./.data, or S3KEYS_DATA)
  --database-url URL  PostgreSQL registry (postgres://…, or S3KEYS_DATABASE_URL); default: the data dir
  --host H       address to listen on (default 127.0.0.1, or S3KEYS_HOST)
  --port N       port (default 8787, or S3KEYS_PORT; 0 picks a free one)
  --config FILE  JSON config: regions, allowedHosts, allowedOrigins (see the README)
  --tls-cert FILE  PEM certificate chain: serve HTTPS (or S3KEYS_TLS_CERT, config "tlsCert")
  --tls-key FILE   its PEM private key (or S3KEYS_TLS_KEY, config "tlsKey")`,
  async run(args) {
    const { values } = parseOptions(args, {
      data: { type: 'string' },
      'database-url': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    });
    const config = resolveConfig(values);
    const logger = createLogger();
    const companion = await startCompanion(config, logger);
    console.log(
      `S3 Keys companion listening on ${companion.url} (${config.databaseUrl ? 'registry: PostgreSQL' : `data: ${config.dataDir}`})`,
    );
    await new Promise<void>((resolve) =>
      onStopSignal((signal) => {
        logger.info(`${signal}: finishing in-flight requests and stopping`);
        void companion.close().then(resolve);
      }),
    );
    logger.info('stopped; data lock released');
  },
};
