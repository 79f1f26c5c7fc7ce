import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { loadConfig } from '../infra/config/config.js';
import { startupFailureMessage } from '../infra/lifecycle.js';
import type { Platform } from '../infra/platform.js';

const HELP = `usage: radtrace migrate

Applies pending database migrations (migrations/) and exits. The API also does this at start;
run it separately when several API instances start together. Uses DATABASE_URL, or the
embedded PostgreSQL under RADTRACE_DATA_DIR.`;

export const command: CliCommand = {
  summary: 'apply pending database migrations',
  async run(args) {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    let platform: Platform | undefined;
    try {
      const config = loadConfig();
      const { createLogger } = await import('../infra/logging/logger.js');
      const { startPlatform } = await import('../infra/platform.js');
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
      platform = await startPlatform(config, logger, { migrate: true, attach: true, role: 'migrate' });
      const applied = platform.appliedMigrations;
      console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema is up to date');
      return 0;
    } catch (err) {
      console.error(startupFailureMessage(err));
      return 1;
    } finally {
      await platform?.stop();
    }
  },
};
