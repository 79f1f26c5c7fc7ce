import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/infra/database/data-source.js';
import { migrations } from '../../migrations/index.js';
import { freshDatabase, withClient, type TestDatabase } from '../support/services.js';

/** Every column of every table outside the system schemas, as comparable text. */
async function schemaSnapshot(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const result = await client.query<{ line: string }>(`
      SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS line
      FROM information_schema.columns
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`);
    return result.rows.map((row) => row.line);
  });
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await freshDatabase(); });
  afterAll(async () => { await db?.drop(); });

  it('apply to an empty database, and a second run changes nothing', async () => {
    expect(await schemaSnapshot(db.url)).toEqual([]);

    const applied = await runMigrations(db.url);
    expect(applied).toEqual(migrations.map((Migration) => new Migration().name));
    const after = await schemaSnapshot(db.url);
    expect(after).toContain('public.job.status:text:NO');
    expect(after).toContain('pgboss.version.version:integer:NO');

    expect(await runMigrations(db.url)).toEqual([]);
    expect(await schemaSnapshot(db.url)).toEqual(after);
    const recorded = await withClient(db.url, (client) => client.query('SELECT name FROM schema_migrations ORDER BY id'));
    expect(recorded.rows.map((row: { name: string }) => row.name)).toEqual(applied);
  });
});
