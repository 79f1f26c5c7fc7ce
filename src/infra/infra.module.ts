// Global module handing every domain module the real components: configuration, logger,
// TypeORM (entities registered by each module with TypeOrmModule.forFeature), object storage and
// the job queue. Built from a started Platform so Nest never decides whether services exist.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.js';
import { dataSourceOptions } from './database/data-source.js';
import type { Platform } from './platform.js';
import { JobQueue } from './queue/job-queue.js';
import { StorageService } from './storage/storage.service.js';
import { APP_CONFIG, LOGGER, PROCESS_ROLE, type ProcessRole } from './tokens.js';

export interface InfraOptions {
  config: AppConfig;
  platform: Platform;
  logger: Logger;
  role: ProcessRole;
}

/** Stops the queue with the application, before TypeORM closes its pool. */
class ManagedJobQueue extends JobQueue {
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}

@Global()
@Module({})
export class InfraModule {
  static forRoot({ config, platform, logger, role }: InfraOptions): DynamicModule {
    return {
      module: InfraModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(platform.databaseUrl), autoLoadEntities: true, retryAttempts: 1 })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: PROCESS_ROLE, useValue: role },
        { provide: StorageService, useValue: platform.storage },
        {
          provide: JobQueue,
          useFactory: async () => {
            const queue = new ManagedJobQueue(platform.databaseUrl, logger.child({ component: 'queue' }));
            await queue.start();
            return queue;
          },
        },
      ],
      exports: [APP_CONFIG, LOGGER, PROCESS_ROLE, StorageService, JobQueue],
    };
  }
}
