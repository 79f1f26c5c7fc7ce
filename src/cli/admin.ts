// `radtrace admin create-user`: creates a user (an administrator by default for the first one)
// and prints a new API token, the only time it is shown. Talks to the database directly, so it
// works before any administrator exists; the API need not be running.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import type { CliCommand } from '../cli.js';
import { loadConfig } from '../infra/config/config.js';
import { createLogger } from '../infra/logging/logger.js';
import { startPlatform } from '../infra/platform.js';
import { appendAuditEvent } from '../modules/audit/audit.service.js';
import { AppError } from '../infra/graphql/errors.js';
import { ApiTokenEntity, UserEntity } from '../modules/users/user.entity.js';
import { insertUserWithToken } from '../modules/users/users.service.js';

const HELP = `usage: radtrace admin create-user --email E --name N [--no-admin] [--expires-in-days D]

Creates a user and prints an API token for it (shown once; store it safely). The user is a
platform administrator (may create further users) unless --no-admin is given. Uses
DATABASE_URL, or the embedded PostgreSQL of RADTRACE_DATA_DIR (started if needed).`;

export interface CreatedUser {
  userId: string;
  email: string;
  token: string;
  expiresAt: Date;
}

/** Creates the user and its token in one transaction with its audit event. */
export async function createUserInDatabase(databaseUrl: string, input: { email: string; name: string; isAdmin: boolean; expiresInDays?: number }): Promise<CreatedUser> {
  const db = new DataSource({ type: 'postgres', url: databaseUrl, entities: [UserEntity, ApiTokenEntity], synchronize: false, logging: false });
  await db.initialize();
  try {
    return await db.transaction(async (m) => {
      const { user, issued } = await insertUserWithToken(m, { ...input, tokenName: 'created by radtrace admin' });
      await appendAuditEvent(m, { actorId: null, projectId: null, action: 'user.create', targetIds: [user.id], details: { email: user.email, isAdmin: user.isAdmin, via: 'cli' } });
      return { userId: user.id, email: user.email, token: issued.token, expiresAt: issued.record.expiresAt };
    });
  } finally {
    await db.destroy();
  }
}

export const command: CliCommand = {
  summary: 'administration: create-user (prints an API token)',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'create-user') {
      console.log(HELP);
      return sub === '--help' || sub === '-h' ? 0 : 2;
    }
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, name: { type: 'string' }, 'no-admin': { type: 'boolean' }, 'expires-in-days': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (!values.email || !values.name) {
      console.error('radtrace admin create-user: --email and --name are required');
      return 2;
    }
    const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
    const config = loadConfig();
    const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
    const platform = await startPlatform(config, logger, { migrate: true, attach: true, role: 'admin' });
    try {
      const created = await createUserInDatabase(platform.databaseUrl, { email: values.email, name: values.name, isAdmin: !values['no-admin'], expiresInDays: days });
      console.error(`created user ${created.email} (${created.userId}); token expires ${created.expiresAt.toISOString()}. The token is shown once:`);
      console.log(created.token);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(`radtrace admin create-user: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await platform.stop();
    }
  },
};
