// The API process: platform (database, storage, migrations), then NestJS with GraphQL at
// /graphql, /healthz and /readyz, and, unless RADTRACE_IN_PROCESS_WORKER=false, a job worker.
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig, type AppConfig } from './infra/config/config.js';
import { createLogger, NestPinoLogger, type Logger } from './infra/logging/logger.js';
import { requestLogging } from './infra/logging/request-logging.js';
import { startPlatform, type Platform } from './infra/platform.js';
import { StartupError } from './infra/startup-error.js';

export interface RunningApi {
  url: string;
  port: number;
  config: AppConfig;
  platform: Platform;
  logger: Logger;
  close(): Promise<void>;
}

export async function startApi(env: Record<string, string | undefined> = process.env): Promise<RunningApi> {
  const started = Date.now();
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const platform = await startPlatform(config, logger, { migrate: true, attach: false, role: 'api' });
  let app: NestExpressApplication | undefined;
  try {
    // Loaded only now, so a bad setting or unreachable service is reported without waiting for them.
    const [{ NestFactory }, { AppModule }] = await Promise.all([import('@nestjs/core'), import('./app.module.js')]);
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, platform, logger, role: { api: true, worker: config.inProcessWorker } }),
      { logger: new NestPinoLogger(logger), abortOnError: false, bodyParser: true },
    );
    app.disable('x-powered-by');
    app.use(requestLogging(logger));
    await app.listen(config.port, config.host);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await platform.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`PORT=${config.port} is already in use on ${config.host}: stop the other server or choose another PORT`);
    }
    throw err;
  }
  const running = app;
  const port = ((running.getHttpServer() as Server).address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, graphql: `${url}/graphql`, inProcessWorker: config.inProcessWorker, ms: Date.now() - started }, 'RadTrace API ready');
  return {
    url, port, config, platform, logger,
    async close() {
      await running.close();
      await platform.stop();
    },
  };
}
