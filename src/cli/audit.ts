// `radtrace audit verify`: re-computes the audit log's hash chain and says whether any event was
// altered, removed or inserted since it was written.
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CliCommand } from '../cli.js';
import { loadConfig } from '../infra/config/config.js';
import { createLogger } from '../infra/logging/logger.js';
import { startPlatform } from '../infra/platform.js';
import { verifyChainFromSql } from '../modules/audit/audit.service.js';
import type { ChainVerdict } from '../modules/audit/audit-chain.js';

const HELP = `usage: radtrace audit verify [--database-url URL]

Checks every audit event's hash and its link to the previous event. Exit code 0 when the chain is
intact, 1 when it is broken (the first bad event is named). Uses --database-url, else DATABASE_URL,
else the embedded PostgreSQL of RADTRACE_DATA_DIR.`;

export async function verifyAuditChain(databaseUrl: string): Promise<ChainVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await verifyChainFromSql(async (text) => (await client.query(text)).rows);
  } finally {
    await client.end();
  }
}

export const command: CliCommand = {
  summary: 'audit log: verify (checks the hash chain)',
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: { 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (sub !== 'verify' || values.help) {
      console.log(HELP);
      return sub === 'verify' || sub === '--help' || sub === '-h' ? 0 : 2;
    }
    let url = values['database-url'];
    let stop = async (): Promise<void> => undefined;
    if (!url) {
      const platform = await startPlatform(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'warn'), { migrate: false, attach: true, role: 'audit' });
      url = platform.databaseUrl;
      stop = () => platform.stop();
    }
    try {
      const verdict = await verifyAuditChain(url);
      if (verdict.ok) {
        console.log(`audit chain intact: ${verdict.events} events`);
        return 0;
      }
      console.error(`audit chain BROKEN at event ${verdict.brokenAt!.seq}: ${verdict.brokenAt!.reason} (${verdict.events} events before it are intact)`);
      return 1;
    } finally {
      await stop();
    }
  },
};
