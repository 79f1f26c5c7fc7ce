// GET /healthz: the process is alive. GET /readyz: it can reach the database and object storage
// (503 with the failing check otherwise), for load balancers and orchestrators.
import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StorageService } from '../../infra/storage/storage.service.js';

type CheckResult = 'ok' | string;
/** The part of Express's response used here. */
interface StatusSettable {
  status(code: number): unknown;
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(StorageService) private readonly storage: StorageService,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: StatusSettable): Promise<{ status: 'ready' | 'not ready'; checks: Record<string, CheckResult> }> {
    const [database, storage] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.storage.ping()),
    ]);
    const ready = database === 'ok' && storage === 'ok';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks: { database, storage } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000).unref())]);
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
