// A worker process: no HTTP, the same domain modules, taking jobs from the shared queue. Start as
// many as you like, on any machine that reaches the database and object storage.
import 'reflect-metadata';
import { loadConfig } from './infra/config/config.js';
import { createLogger, NestPinoLogger, type Logger } from './infra/logging/logger.js';
import { startPlatform } from './infra/platform.js';

export interface RunningWorker {
  logger: Logger;
  close(): Promise<void>;
}

export async function startWorker(env: Record<string, string | undefined> = process.env): Promise<RunningWorker> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, 'radtrace-worker');
  // Workers never migrate: the API (or `radtrace migrate`) does, once.
  const platform = await startPlatform(config, logger, { migrate: false, attach: true, role: 'worker' });
  try {
    const [{ NestFactory }, { AppModule }] = await Promise.all([import('@nestjs/core'), import('./app.module.js')]);
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ config, platform, logger, role: { api: false, worker: true } }),
      { logger: new NestPinoLogger(logger), abortOnError: false },
    );
    await app.init();
    logger.info({ pid: process.pid }, 'RadTrace worker ready');
    return {
      logger,
      async close() {
        await app.close();
        await platform.stop();
      },
    };
  } catch (err) {
    await platform.stop();
    throw err;
  }
}
