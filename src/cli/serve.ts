import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { loadConfig } from '../infra/config/config.js';
import { runService } from '../infra/lifecycle.js';

const HELP = `usage: radtrace serve [--port N] [--no-worker]

Starts the API (GraphQL at /graphql, /healthz, /readyz) with an in-process job worker.
Without DATABASE_URL / S3_ENDPOINT it starts an embedded PostgreSQL and object store under
RADTRACE_DATA_DIR (default ./.data). Stop with Ctrl-C or SIGTERM.

options:
  --port N      listen on port N (overrides PORT, default 4000)
  --no-worker   do not run jobs in this process (RADTRACE_IN_PROCESS_WORKER=false)`;

export const command: CliCommand = {
  summary: 'start the API server (and an in-process job worker)',
  async run(args) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'no-worker': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const env = { ...process.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values['no-worker']) env.RADTRACE_IN_PROCESS_WORKER = 'false';
    return runService(async () => {
      loadConfig(env); // settings are checked before the heavy modules load
      const { startApi } = await import('../main.js');
      return startApi(env);
    });
  },
};
