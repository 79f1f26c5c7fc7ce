import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { loadConfig } from '../infra/config/config.js';
import { runService } from '../infra/lifecycle.js';

const HELP = `usage: radtrace worker [--concurrency N]

Runs queued jobs until stopped (Ctrl-C or SIGTERM; running jobs are given time to finish).
Uses DATABASE_URL and S3_ENDPOINT like the API; without them it uses the embedded services of
the radtrace server running on the same RADTRACE_DATA_DIR.

options:
  --concurrency N   jobs at a time per kind (overrides RADTRACE_WORKER_CONCURRENCY, default 2)`;

export const command: CliCommand = {
  summary: 'run queued jobs (scale out by starting more workers)',
  async run(args) {
    const { values } = parseArgs({ args, options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const env = { ...process.env };
    if (values.concurrency !== undefined) env.RADTRACE_WORKER_CONCURRENCY = values.concurrency;
    return runService(async () => {
      loadConfig(env); // settings are checked before the heavy modules load
      const { startWorker } = await import('../worker.js');
      return startWorker(env);
    });
  },
};
